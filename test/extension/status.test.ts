import * as assert from 'assert';
import type { Sandbox } from '../../src/sandbox';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { backendRoot, child, extension, setBackends, setSetting, startSandbox, waitFor } from './support/env';

describe('Status bar, notifications and automatic refresh', function () {
  this.timeout(60000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ seed: 5, runs: 40 });
    await setSetting('notifications', 'all');
    await setBackends([{ id: 's-kfp', label: 'Status KFP', kind: 'kfp', baseUrl: sb.urls.kfp }]);
  });
  after(async () => {
    await setBackends(undefined);
    await setSetting('notifications', undefined);
    await sb?.close();
  });

  it('counts active runs in the status bar, updates when they finish, and coalesces the notifications', async () => {
    const { api } = await extension();
    const all = await child(api, await backendRoot(api, 's-kfp'), 'All Runs');
    api.setExpanded(all, true);
    const runs = (await api.treeChildren(all)).filter((n): n is Extract<TreeNode, { type: 'item' }> => n.type === 'item');
    const active = runs.filter((n) => ['queued', 'running', 'canceling', 'needs-input'].includes(n.node.run?.state.status ?? ''));
    assert.ok(active.length >= 4, `several active runs (got ${active.length})`);
    const text = await waitFor('status bar text', () => api.statusBarText());
    assert.match(text, /\$\(sync~spin\) \d+ running/);
    const before = api.notificationsShown().length;

    // Simulated time passes: every run reaches a terminal state.
    sb.clock.advance(24 * 3600_000);
    const outcome = await api.refreshExpanded();
    assert.strictEqual(outcome.requests, 1, 'one list request for the one expanded list, not one per run');
    assert.ok(outcome.changedRows >= active.length, 'the changed rows were updated');
    await waitFor('status bar hidden', () => (api.statusBarText() === undefined ? true : undefined));
    const shown = await waitFor('a notification', () => {
      const all = api.notificationsShown().slice(before);
      return all.length ? all : undefined;
    });
    assert.strictEqual(shown.length, 1, `one coalesced notification, not a flood: ${shown.join(' | ')}`);
    assert.match(shown[0], /^\d+ runs changed: /);
  });

  it('an automatic refresh with nothing expanded and nothing active sends no request', async () => {
    const { api } = await extension();
    const all = await child(api, await backendRoot(api, 's-kfp'), 'All Runs');
    api.setExpanded(all, false);
    sb.requests.clear();
    const outcome = await api.refreshExpanded();
    assert.strictEqual(outcome.requests, 0);
    assert.strictEqual(sb.requests.list('kfp').length, 0);
  });
});

describe('Status bar before any list is opened', function () {
  this.timeout(60000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ seed: 9, runs: 30 });
  });
  after(async () => {
    await setBackends(undefined);
    await sb?.close();
  });

  it('asks each backend for its active runs once (filtered on the server) and shows the count', async () => {
    const { api } = await extension();
    sb.requests.clear();
    await setBackends([
      { id: 'p-kfp', label: 'Poll KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
      { id: 'p-ap', label: 'Poll AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
    ]);
    const text = await waitFor('the status bar', () => api.statusBarText());
    assert.match(text, /\d+ running/);
    const kfpLists = sb.requests.list('kfp').filter((r) => /\/runs$/.test(r.path));
    assert.strictEqual(kfpLists.length, 1, 'one KFP list request');
    assert.match(JSON.stringify(kfpLists[0].query), /RUNNING/, 'filtered to active states on the server');
  });
});
