import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Sandbox } from '../../src/sandbox';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { answers, backendRoot, child, extension, setBackends, setSetting, startSandbox, waitFor, withDialogs } from './support/env';

describe('Runs tree against the sandbox', function () {
  this.timeout(60000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox();
    await setSetting('pageSize', 10);
    await setBackends([
      { id: 't-kfp', label: 'Test KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
      { id: 't-ica', label: 'Test ICA', kind: 'ica', baseUrl: sb.urls.ica },
      { id: 't-acp', label: 'Test ACP', kind: 'acp', baseUrl: sb.urls.acp },
      { id: 't-ap', label: 'Test AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
    ]);
  });

  after(async () => {
    await setBackends(undefined);
    await setSetting('pageSize', undefined);
    await sb?.close();
  });

  it('shows one root per configured backend, following settings.json live', async () => {
    const { api } = await extension();
    const roots = await waitFor('four roots', async () => {
      const r = await api.treeChildren();
      return r.length === 4 ? r : undefined;
    });
    assert.deepStrictEqual(roots.map((n) => api.treeLabel(n)), ['Test KFP', 'Test ICA', 'Test ACP', 'Test AP']);
    assert.match(String(api.treeItem(roots[0]).contextValue), /^backend kind-kfp/);
  });

  it('KFP: Experiments > experiment > runs > tasks, All Runs paged with Load more', async () => {
    const { api } = await extension();
    const root = await backendRoot(api, 't-kfp');
    const groups = (await api.treeChildren(root)).map((n) => api.treeLabel(n));
    assert.deepStrictEqual(groups.slice(0, 3), ['Experiments', 'All Runs', 'Archived']);
    const all = await child(api, root, 'All Runs');
    const first = await api.treeChildren(all);
    assert.strictEqual(first.filter((n) => n.type === 'item').length, 10);
    const more = first[first.length - 1];
    assert.strictEqual(more.type, 'more');
    await vscode.commands.executeCommand('runsExplorer.loadMore', more);
    const second = await api.treeChildren(all);
    assert.strictEqual(second.filter((n) => n.type === 'item').length, 20, 'Load more appends the next page');
    const ids = new Set(second.map((n) => n.id));
    assert.strictEqual(ids.size, second.length, 'stable unique ids');

    const experiments = await child(api, root, 'Experiments');
    const [experiment] = (await api.treeChildren(experiments)).filter((n) => n.type === 'item');
    assert.ok(experiment, 'an experiment');
    const runs = (await api.treeChildren(experiment)).filter((n): n is Extract<TreeNode, { type: 'item' }> => n.type === 'item' && n.node.run !== undefined);
    assert.ok(runs.length > 0, 'runs under the experiment');
    const withTasks = runs.find((n) => n.node.expandable) ?? runs[0];
    const tasks = await api.treeChildren(withTasks);
    assert.ok(tasks.some((n) => n.type === 'item' && n.node.type === 'task'), 'tasks under the run');
    const item = api.treeItem(runs[0]);
    assert.match(String(item.contextValue), /^run kind-kfp status-/);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.ok(!(item.tooltip as vscode.MarkdownString).isTrusted, 'tooltips are not trusted');
    assert.match((item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /Status: /, 'the hover says the status');
    assert.strictEqual(api.treeRow(runs[0]).tooltip, undefined, 'a row is drawn without its tooltip; it is built on hover');
  });

  it('ICA without credentials shows an error node offering Set Credentials, and recovers once the key is set', async () => {
    const { api } = await extension();
    const root = await backendRoot(api, 't-ica');
    const [message] = await api.treeChildren(root);
    assert.strictEqual(message.type, 'message');
    assert.match(String(api.treeItem(message).contextValue), /^message error auth/);
    await withDialogs({ showInputBox: answers(sb.icaApiKey) }, () => vscode.commands.executeCommand('runsExplorer.setCredentials', message));
    const runs = await waitFor('ICA runs', async () => {
      const c = await api.treeChildren(await backendRoot(api, 't-ica'));
      return c.some((n) => n.type === 'item') ? c : undefined;
    });
    const run = runs.find((n) => n.type === 'item');
    assert.ok(run && run.type === 'item' && run.node.run?.kind === 'ica');
    const config = JSON.stringify(vscode.workspace.getConfiguration('runsExplorer'));
    assert.ok(!config.includes(sb.icaApiKey), 'the key is not in settings');
    assert.ok(!api.recentLog().some((l) => l.includes(sb.icaApiKey)), 'the key is not in the log');
  });

  it('ACP: agents > runs; Agent Protocol: threads or All Runs > runs', async () => {
    const { api } = await extension();
    const acp = await api.treeChildren(await backendRoot(api, 't-acp'));
    const agent = acp.find((n) => n.type === 'item' && n.node.type === 'agent');
    assert.ok(agent, `an agent node in ${acp.map((n) => api.treeLabel(n)).join(', ')}`);
    const acpRuns = await api.treeChildren(agent);
    assert.ok(acpRuns.some((n) => n.type === 'item' && n.node.run?.kind === 'acp'));
    const ap = await api.treeChildren(await backendRoot(api, 't-ap'));
    assert.ok(ap.some((n) => n.type === 'item'), 'agent-protocol lists something');
  });

  it('Filter Runs narrows a backend to a status and Clear Filter restores it', async () => {
    const { api } = await extension();
    const root = await backendRoot(api, 't-ica');
    await withDialogs(
      { showQuickPick: async (items: unknown) => (await Promise.resolve(items as Array<{ status: string }>)).filter((i) => i.status === 'succeeded'), showInputBox: answers('') },
      () => vscode.commands.executeCommand('runsExplorer.filterRuns', root),
    );
    const rootAgain = await backendRoot(api, 't-ica');
    assert.match(String(api.treeItem(rootAgain).description), /filtered: Succeeded/);
    const filtered = (await api.treeChildren(rootAgain)).filter((n) => n.type === 'item');
    assert.ok(filtered.length > 0);
    for (const n of filtered) assert.strictEqual(n.type === 'item' && n.node.run?.state.status, 'succeeded');
    await vscode.commands.executeCommand('runsExplorer.clearFilter', rootAgain);
    const all = (await api.treeChildren(await backendRoot(api, 't-ica'))).filter((n) => n.type === 'item');
    assert.ok(all.some((n) => n.type === 'item' && n.node.run?.state.status !== 'succeeded'), 'other statuses are back');
  });
});

describe('Insecure TLS is visible', () => {
  after(() => setBackends(undefined));

  it('a backend with tlsInsecure says so on its row and in its tooltip', async () => {
    const { api } = await extension();
    await setBackends([{ id: 'tls', label: 'Self-signed', kind: 'kfp', baseUrl: 'https://127.0.0.1:9/', tlsInsecure: true }]);
    const item = api.treeItem(await backendRoot(api, 'tls'));
    assert.match(String(item.description), /TLS not verified/);
    assert.match((item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /certificate is not verified/);
  });
});
