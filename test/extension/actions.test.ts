import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Sandbox } from '../../src/sandbox';
import type { RunsExplorerApi } from '../../src/ui/api';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { backendRoot, child, extension, setBackends, startSandbox, waitFor, withDialogs } from './support/env';

type ItemNode = Extract<TreeNode, { type: 'item' }>;

async function kfpRuns(api: RunsExplorerApi): Promise<ItemNode[]> {
  const all = await child(api, await backendRoot(api, 'a-kfp'), 'All Runs');
  api.setExpanded(all, true);
  return (await api.treeChildren(all)).filter((n): n is ItemNode => n.type === 'item' && n.node.run !== undefined);
}

describe('Run actions from the tree', function () {
  this.timeout(60000);
  let sb: Sandbox;
  let api: RunsExplorerApi;

  before(async () => {
    sb = await startSandbox({ seed: 11, runs: 40 });
    await setBackends([{ id: 'a-kfp', label: 'Actions KFP', kind: 'kfp', baseUrl: sb.urls.kfp }]);
    api = (await extension()).api;
  });
  after(async () => {
    await setBackends(undefined);
    await sb?.close();
  });

  it('Cancel asks first (modal, naming the run) and sends exactly one terminate when confirmed', async () => {
    const running = (await kfpRuns(api)).find((n) => n.node.run?.capabilities.cancel);
    assert.ok(running?.node.run, 'a cancellable run');
    const run = running.node.run;
    const asked: string[] = [];
    sb.requests.clear();
    // Declined: nothing is sent.
    await withDialogs({ showWarningMessage: async (m: string) => (asked.push(m), undefined) }, () => vscode.commands.executeCommand('runsExplorer.cancelRun', running));
    assert.strictEqual(sb.requests.count('kfp', 'POST', ':terminate'), 0);
    assert.match(asked[0], new RegExp(`Cancel run "${run.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" \\(${run.runId}\\)`));
    // Confirmed: one POST.
    await withDialogs({ showWarningMessage: async () => 'Cancel Run' }, () => vscode.commands.executeCommand('runsExplorer.cancelRun', running));
    assert.strictEqual(sb.requests.count('kfp', 'POST', `/runs/${run.runId}:terminate`), 1);
    const after = await waitFor('the run to be canceling or canceled', async () => {
      const again = (await kfpRuns(api)).find((n) => n.node.run?.runId === run.runId);
      return again && /cancel/.test(again.node.run?.state.status ?? '') ? again : undefined;
    });
    assert.match(String(api.treeItem(after).contextValue), /status-cancel/);
  });

  it('Archive several selected runs at once, then they leave All Runs and show under Archived', async () => {
    const candidates = (await kfpRuns(api)).filter((n) => n.node.run?.capabilities.archive).slice(0, 2);
    assert.strictEqual(candidates.length, 2);
    sb.requests.clear();
    await vscode.commands.executeCommand('runsExplorer.archiveRun', candidates[0], candidates);
    assert.strictEqual(sb.requests.count('kfp', 'POST', ':archive'), 2);
    const archivedIds = new Set(candidates.map((c) => c.node.run?.runId));
    const remaining = await kfpRuns(api);
    assert.ok(!remaining.some((n) => archivedIds.has(n.node.run?.runId)), 'gone from All Runs');
    const archived = await child(api, await backendRoot(api, 'a-kfp'), 'Archived');
    const shown = (await api.treeChildren(archived)).filter((n): n is ItemNode => n.type === 'item');
    for (const id of archivedIds) assert.ok(shown.some((n) => n.node.run?.runId === id), `${id} under Archived`);
    assert.ok(shown.every((n) => n.node.run?.capabilities.unarchive), 'archived runs can be unarchived');
  });

  it('Delete (archived runs only, as in the KFP UI) confirms, deletes, and a failure is reported with the server message', async () => {
    assert.ok(!(await kfpRuns(api)).some((n) => n.node.run?.capabilities.delete), 'active list runs cannot be deleted before archiving');
    const archivedGroup = await child(api, await backendRoot(api, 'a-kfp'), 'Archived');
    api.setExpanded(archivedGroup, true);
    const archivedRuns = () => api.treeChildren(archivedGroup).then((c) => c.filter((n): n is ItemNode => n.type === 'item'));
    const victim = (await archivedRuns()).find((n) => n.node.run?.capabilities.delete);
    assert.ok(victim?.node.run);
    // DELETE is idempotent: the client retries it, so the fault outlasts the retries.
    sb.faults.add('kfp', { match: { method: 'DELETE', path: '/runs/' }, count: 10, fault: { status: 500, body: JSON.stringify({ code: 13, message: 'database is locked' }) } });
    const errors: string[] = [];
    await withDialogs(
      { showWarningMessage: async () => 'Delete Run', showErrorMessage: async (m: string) => (errors.push(m), undefined) },
      () => vscode.commands.executeCommand('runsExplorer.deleteRun', victim),
    );
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /Delete failed for .*500.*database is locked/);
    sb.faults.clear();
    await withDialogs({ showWarningMessage: async () => 'Delete Run' }, () => vscode.commands.executeCommand('runsExplorer.deleteRun', victim));
    const left = await archivedRuns();
    assert.ok(!left.some((n) => n.node.run?.runId === victim.node.run?.runId), 'deleted run is gone');
  });

  it('Copy Run ID puts the id on the clipboard', async () => {
    const [first] = await kfpRuns(api);
    await vscode.commands.executeCommand('runsExplorer.copyRunId', first);
    assert.strictEqual(await vscode.env.clipboard.readText(), first.node.run?.runId);
  });
});
