// Reliability in the real extension host (issue 7): POST actions are sent at most once even when they
// time out (the user is told the outcome is unknown and offered Refresh), the tree shows faults as
// rows and recovers, the webview cannot make the extension fetch or run anything, and a short load
// run (20 streaming panels + auto refresh on four backends) leaves no stream, socket or timer behind.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AcpBackend } from '../../src/backends/acp';
import { capabilities, NULL_LOGGER, type Backend, type Logger, type Run, type RunRef } from '../../src/core';
import { ACP_AGENTS, type Sandbox } from '../../src/sandbox';
import type { HostMessage } from '../../src/shared/protocol';
import type { RunsExplorerApi } from '../../src/ui/api';
import type { PanelBase, PanelDeps } from '../../src/ui/panel/panelBase';
import { RunPanelManager } from '../../src/ui/panel/panelManager';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { answers, backendRoot, child, extension, setBackends, setSetting, startSandbox, waitFor, withDialogs } from './support/env';

type ItemNode = Extract<TreeNode, { type: 'item' }>;

const RESEARCH = ACP_AGENTS.find((a) => a.name === 'research-assistant')!.id;
const APPROVER = ACP_AGENTS.find((a) => a.name === 'echo-approver')!.id;

class MemoryLog implements Logger {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string | Error): void {
    this.lines.push(`error ${String(m)}`);
  }
}

function panelDeps(extensionUri: vscode.Uri, backends: Record<string, Backend>, log: Logger, commands: Array<[string, Run]> = []): Omit<PanelDeps, 'openRun'> {
  return {
    extensionUri,
    log,
    backend: (id) => backends[id],
    backendLabel: (id) => id,
    maxEvents: () => 1000,
    runCommand: async (command, run) => void commands.push([command, run]),
    refreshTree: () => undefined,
    markDone: () => undefined,
    saveDialog: async () => undefined,
    pollIntervalMs: 100,
  };
}

function watch(panel: PanelBase): { seen: HostMessage[]; reply(id: string): Promise<Extract<HostMessage, { type: 'reply' }>> } {
  const seen: HostMessage[] = [];
  panel.onDidPost((m) => seen.push(m));
  return {
    seen,
    reply: (id) =>
      waitFor(`reply ${id}`, () => seen.find((m): m is Extract<HostMessage, { type: 'reply' }> => m.type === 'reply' && m.requestId === id), 20_000),
  };
}

async function runsUnder(api: RunsExplorerApi, parent: TreeNode): Promise<ItemNode[]> {
  api.setExpanded(parent, true);
  const items = (await api.treeChildren(parent)).filter((n): n is ItemNode => n.type === 'item');
  const runs = items.filter((n) => n.node.run);
  if (runs.length) return runs;
  // Grouped (agents, threads): one level down.
  const nested: ItemNode[] = [];
  for (const g of items.slice(0, 3)) nested.push(...(await runsUnder(api, g)));
  return nested;
}

describe('Reliability: never twice, faults in the tree (extension host, sandbox)', function () {
  this.timeout(90_000);
  let sb: Sandbox;
  let api: RunsExplorerApi;
  let extensionUri: vscode.Uri;

  before(async () => {
    sb = await startSandbox({ seed: 21, runs: 24 });
    await setSetting('requestTimeoutSeconds', 1);
    await setSetting('refreshIntervalSeconds', 0);
    await setBackends([
      { id: 'r-kfp', label: 'Rel KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
      { id: 'r-ica', label: 'Rel ICA', kind: 'ica', baseUrl: sb.urls.ica },
      { id: 'r-acp', label: 'Rel ACP', kind: 'acp', baseUrl: sb.urls.acp, agentId: RESEARCH },
      { id: 'r-ap', label: 'Rel AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol, agentId: 'approver' },
    ]);
    const ext = await extension();
    api = ext.api;
    extensionUri = ext.ext.extensionUri;
    await withDialogs({ showInputBox: answers(sb.icaApiKey) }, () => vscode.commands.executeCommand('runsExplorer.setCredentials', 'r-ica'));
  });

  after(async () => {
    await setBackends(undefined);
    await setSetting('requestTimeoutSeconds', undefined);
    await setSetting('refreshIntervalSeconds', undefined);
    await sb?.close();
  });

  afterEach(() => sb.faults.clear());

  /** Runs a tree action under a hang fault; returns the warning texts shown after it. */
  async function timedOutAction(command: string, node: ItemNode): Promise<string[]> {
    const warnings: string[] = [];
    const items: string[][] = [];
    await withDialogs(
      {
        showWarningMessage: async (message: string, ...rest: unknown[]) => {
          const options = rest[0] as { modal?: boolean } | undefined;
          if (options && typeof options === 'object' && options.modal) return rest[rest.length - 1]; // confirm
          warnings.push(message);
          items.push(rest.filter((r): r is string => typeof r === 'string'));
          return undefined;
        },
        showQuickPick: async (picks: unknown) => (picks as Array<{ mode: string }>)[0],
        showErrorMessage: async (m: string) => void warnings.push(`ERROR ${m}`),
      },
      async () => {
        await vscode.commands.executeCommand(command, node);
        await waitFor('the warning', () => warnings.length > 0 || undefined, 10_000);
      },
    );
    for (const i of items) assert.deepStrictEqual(i, ['Refresh'], 'the warning offers Refresh');
    return warnings;
  }

  it('every POST action that times out is sent once; the user reads that the outcome is unknown and can Refresh', async () => {
    const kfpAll = await child(api, await backendRoot(api, 'r-kfp'), 'All Runs');
    const kfpRuns = await runsUnder(api, kfpAll);
    const cases: Array<[string, ItemNode | undefined, 'kfp' | 'ica' | 'agentProtocol', string, string]> = [
      ['runsExplorer.cancelRun', kfpRuns.find((n) => n.node.run?.capabilities.cancel), 'kfp', 'POST', ':terminate$'],
      ['runsExplorer.retryRun', kfpRuns.find((n) => n.node.run?.capabilities.retry), 'kfp', 'POST', ':retry$'],
      ['runsExplorer.archiveRun', kfpRuns.find((n) => n.node.run?.capabilities.archive), 'kfp', 'POST', ':archive$'],
      ['runsExplorer.cancelRun', (await runsUnder(api, await backendRoot(api, 'r-ica'))).find((n) => n.node.run?.capabilities.cancel), 'ica', 'PUT', ':abort$'],
    ];
    // An Agent Protocol run that waits for approval (cancel = POST /runs/{id}/cancel).
    const apBackend = (await import('../../src/backends/agent-protocol')).createBackend({ id: 'r-ap', label: 'x', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 5000 });
    await apBackend.createRun({ body: { agent_id: 'approver', input: { topic: 'never twice' } } });
    await vscode.commands.executeCommand('runsExplorer.refresh');
    const apRun = await waitFor('a cancellable AP run', async () => (await runsUnder(api, await backendRoot(api, 'r-ap'))).find((n) => n.node.run?.capabilities.cancel));
    cases.push(['runsExplorer.cancelRun', apRun, 'agentProtocol', 'POST', '/cancel$']);
    for (const [command, node, kind, method, path] of cases) {
      assert.ok(node?.node.run, `a run for ${command} on ${kind}`);
      sb.faults.add(kind, { match: { method, path }, count: 5, fault: { hang: true } });
      const before = sb.requests.count(kind, method, path);
      const warnings = await timedOutAction(command, node);
      assert.strictEqual(sb.requests.count(kind, method, path) - before, 1, `${command} on ${kind}: sent exactly once`);
      assert.strictEqual(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /the outcome is unknown for "/, warnings[0]);
      assert.match(warnings[0], /may or may not have taken effect; it was not sent again\. Refresh/);
      sb.faults.clear();
    }
    apBackend.dispose();
  });

  it('Create Run and Resume that time out are sent once; the panel says so (and keeps the text)', async () => {
    const log = new MemoryLog();
    const acp = new AcpBackend({ id: 'p-acp', label: 'P', kind: 'acp', baseUrl: sb.urls.acp }, { credentials: { get: async () => undefined }, log, timeoutMs: 800 });
    const manager = new RunPanelManager(panelDeps(extensionUri, { 'p-acp': acp }, log));
    try {
      const create = manager.openCreate('p-acp');
      const w = watch(create);
      await waitFor('the create panel is ready', () => w.seen.find((m) => m.type === 'init'));
      sb.faults.add('acp', { match: { method: 'POST', path: '^/runs$' }, count: 5, fault: { hang: true } });
      const before = sb.requests.count('acp', 'POST', '^/runs$');
      await create.handleMessage({ type: 'create', requestId: 'c1', text: JSON.stringify({ agent_id: RESEARCH, input: { topic: 'x' } }) });
      const c1 = await w.reply('c1');
      assert.ok(!c1.ok && c1.rejected, 'an error the webview shows inline, keeping the JSON');
      assert.match(c1.ok ? '' : c1.error, /no answer to POST after 800 ms; it may or may not have taken effect — refresh to check/);
      assert.strictEqual(sb.requests.count('acp', 'POST', '^/runs$') - before, 1, 'the create was sent once');
      assert.strictEqual(create.isDisposed, false, 'the Create panel (and its text) stays');
      sb.faults.clear();

      const ref = await acp.createRun({ body: { agent_id: APPROVER, input: { topic: 'resume' }, streaming: 'custom' } });
      await waitFor('the run waits for input', async () => ((await acp.getRun(ref)).state.status === 'needs-input' ? true : undefined), 20_000);
      const panel = manager.openRun(ref);
      const pw = watch(panel);
      await waitFor('the interrupt', () => pw.seen.find((m) => m.type === 'interrupt' && m.interrupt !== undefined), 20_000);
      const path = `^/runs/${ref.runId}$`;
      sb.faults.add('acp', { match: { method: 'POST', path }, count: 5, fault: { hang: true } });
      await panel.handleMessage({ type: 'resume', requestId: 'r1', text: '{"approved": true}' });
      const r1 = await pw.reply('r1');
      assert.ok(!r1.ok && r1.rejected);
      assert.match(r1.ok ? '' : r1.error, /may or may not have taken effect/);
      assert.strictEqual(sb.requests.count('acp', 'POST', path), 1, 'the resume was sent once');
    } finally {
      manager.dispose();
      acp.dispose();
    }
  });

  it('the tree shows a failing list as a row with the reason, the backend row says so, and a Refresh recovers', async () => {
    const kfpRoot = await backendRoot(api, 'r-kfp');
    const all = await child(api, kfpRoot, 'All Runs');
    sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/runs$' }, count: 10, fault: { status: 503, headers: { 'retry-after': '0' } } });
    sb.requests.clear('kfp');
    vscode.commands.executeCommand('runsExplorer.refresh');
    const rows = await api.treeChildren(all);
    assert.strictEqual(rows.length, 1);
    assert.strictEqual(rows[0].type, 'message');
    assert.match(api.treeLabel(rows[0]), /^503 Service Unavailable/);
    assert.match(String(api.treeItem(rows[0]).tooltip), /^KFP at http:\/\/127\.0\.0\.1:\d+: 503 Service Unavailable/);
    assert.match(String(api.treeItem(rows[0]).contextValue), /^message error/);
    assert.strictEqual(sb.requests.count('kfp', 'GET', '^/apis/v2beta1/runs$'), 3, 'a GET list is tried 3 times');
    sb.faults.clear();
    await vscode.commands.executeCommand('runsExplorer.refresh');
    assert.ok((await runsUnder(api, all)).length > 0, 'rows are back after Refresh');

    // A search that times out is a plain timeout (not "may or may not have taken effect").
    const acpRoot = await backendRoot(api, 'r-acp');
    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs/search$' }, count: 3, fault: { hang: true } });
    await vscode.commands.executeCommand('runsExplorer.refresh');
    const acpRows = await api.treeChildren(acpRoot);
    assert.strictEqual(api.treeLabel(acpRows[0]), 'no answer after 1 s');
    assert.match(String(api.treeItem(acpRoot).description), /Unreachable or failing/);
    sb.faults.clear();

    // 401 on ICA: the row offers Set Credentials; the backend row says Unauthorized.
    const icaRoot = await backendRoot(api, 'r-ica');
    sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 4, fault: { status: 401 } });
    await vscode.commands.executeCommand('runsExplorer.refresh');
    const icaRows = await api.treeChildren(icaRoot);
    assert.match(String(api.treeItem(icaRows[0]).contextValue), /^message error auth/);
    await waitFor('the backend row', () => (/Unauthorized: Set Credentials/.test(String(api.treeItem(icaRoot).description)) ? true : undefined));
    sb.faults.clear();
    await vscode.commands.executeCommand('runsExplorer.refresh');
    assert.ok((await runsUnder(api, icaRoot)).length > 0, 'ICA works again');
  });
});

describe('Reliability: the webview boundary (crafted messages)', function () {
  this.timeout(60_000);

  it('rejects and logs malformed or unexpected messages; the webview cannot fetch, open or run anything', async () => {
    const { ext } = await extension();
    const log = new MemoryLog();
    const calls: string[] = [];
    const run: Run = { backendId: 'w', runId: 'r1', kind: 'acp', name: 'Run r1', state: { status: 'running', raw: 'pending' }, capabilities: capabilities({ cancel: true, stream: true }), raw: {} };
    const spy = new Proxy({} as Backend, {
      get: (_t, prop: string) => {
        if (prop === 'profile') return { id: 'w', label: 'W', kind: 'acp', baseUrl: 'http://127.0.0.1:9/' };
        if (prop === 'then') return undefined;
        return (...args: unknown[]) => {
          calls.push(prop);
          if (prop === 'getRun') return Promise.resolve(run);
          if (prop === 'streamOutput') return (async function* () {})();
          if (prop === 'webUrl') return 'https://backend.example/runs/r1';
          if (prop === 'getInterrupt') return Promise.resolve(undefined);
          if (prop === 'listChildren') return Promise.resolve({ items: [] });
          if (prop === 'dispose') return undefined;
          return Promise.reject(new Error(`unexpected ${prop}(${JSON.stringify(args).slice(0, 80)})`));
        };
      },
    });
    const commands: Array<[string, Run]> = [];
    const manager = new RunPanelManager(panelDeps(ext.extensionUri, { w: spy }, log, commands));
    const env = vscode.env as unknown as Record<string, unknown>;
    const savedOpen = env.openExternal;
    const opened: string[] = [];
    env.openExternal = async (u: vscode.Uri) => (opened.push(u.toString()), true);
    try {
      const panel = manager.openRun({ backendId: 'w', runId: 'r1' });
      const w = watch(panel);
      await waitFor('init', () => w.seen.find((m) => m.type === 'init'));
      await waitFor('run', () => w.seen.find((m) => m.type === 'run'));
      const baseline = calls.length;
      const crafted: unknown[] = [
        null,
        42,
        'ready',
        [{ type: 'ready' }],
        { type: 'fetch', url: 'https://evil.example/', requestId: 'm1' },
        { type: 'runCommand', command: 'workbench.action.terminal.new', requestId: 'm2' },
        { type: 'openExternal', url: 'command:workbench.action.terminal.new', requestId: 'm3' },
        { type: 'action', action: 'workbench.action.terminal.new', requestId: 'm4' },
        { type: 'action', action: 'openInBrowser', url: 'https://evil.example/', href: 'command:x', requestId: 'm5' },
        { type: 'taskLog', taskId: '../../../etc/passwd', requestId: 'm6' },
        { type: 'taskLog', taskId: { $gt: '' }, requestId: 'm7' },
        { type: 'create', text: '{"agent_id":"x"}', requestId: 'm8' },
        { type: 'resume', text: 42, requestId: 'm9' },
        { type: 'resume', text: 'x'.repeat(3_000_000), requestId: 'm10' },
        { type: 'copy', text: { toString: 'evil' }, requestId: 'm11' },
        { type: 'action', action: 'cancel', requestId: { id: 'm12' } },
        { type: 'log', level: 'eval', text: 'x' },
        JSON.parse('{"type":"ready","__proto__":{"polluted":"yes"}}'),
        { type: 'export', requestId: 'x'.repeat(10_000) },
      ];
      for (const m of crafted) await panel.handleMessage(m);
      for (const id of ['m1', 'm2', 'm3', 'm4', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11']) {
        const r = await w.reply(id);
        assert.strictEqual(r.ok, false, `${id} is refused`);
      }
      const m5 = await w.reply('m5');
      assert.ok(m5, 'openInBrowser is answered');
      assert.ok(({} as Record<string, unknown>).polluted === undefined, 'no prototype pollution');
      const ignored = log.lines.filter((l) => l.startsWith('warn Run panel: ignored a message'));
      assert.ok(ignored.length >= 13, `rejected messages are logged (${ignored.length}):\n${log.lines.join('\n')}`);
      // At most the tree's own Open in Browser for this run (the backend's URL, never the message's; a message
      // with unknown fields may be refused outright).
      assert.ok(commands.every(([c, r]) => c === 'runsExplorer.openInBrowser' && r.runId === 'r1'), JSON.stringify(commands.map(([c]) => c)));
      assert.deepStrictEqual(opened, [], 'nothing was opened directly by the panel');
      const after = calls.slice(baseline).filter((c) => !['getRun', 'webUrl', 'getInterrupt', 'streamOutput'].includes(c));
      assert.deepStrictEqual(after, [], `no backend request was made for a crafted message: ${after.join(', ')}`);
      assert.ok(!log.lines.some((l) => l.includes('evil.example')), 'crafted URLs are not even logged');
    } finally {
      env.openExternal = savedOpen;
      manager.dispose();
    }
  });
});

/** The full load run (npm run bench) sets these; `npm test` runs the short version. */
const LOAD_SECONDS = Number(process.env.RUNS_EXPLORER_LOAD_SECONDS ?? 6);

describe('Reliability: load, short (20 streaming panels + auto refresh on four backends)', function () {
  this.timeout(90_000 + LOAD_SECONDS * 1000);
  let sb: Sandbox;

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setBackends(undefined);
    await setSetting('refreshIntervalSeconds', undefined);
    await sb?.close();
  });

  it('no unhandled rejection; every stream ends when its panel closes; no socket or timer left behind', async () => {
    const { api } = await extension();
    const rejections: unknown[] = [];
    const onRejection = (r: unknown): void => void rejections.push(r);
    process.on('unhandledRejection', onRejection);
    // A slow clock: runs stream for the whole test.
    sb = await startSandbox({ seed: 31, runs: 30, speed: Math.min(0.2, 3 / Math.max(1, LOAD_SECONDS)) });
    const ports = new Set(Object.values(sb.urls).map((u) => Number(new URL(u).port)));
    const sandboxSockets = (): number =>
      (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => {
        const s = h as { remotePort?: number; destroyed?: boolean };
        return typeof s.remotePort === 'number' && ports.has(s.remotePort) && !s.destroyed;
      }).length;
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timersBefore = timers();
    await setSetting('refreshIntervalSeconds', 1);
    await setBackends([
      { id: 'l-kfp', label: 'Load KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
      { id: 'l-ica', label: 'Load ICA', kind: 'ica', baseUrl: sb.urls.ica },
      { id: 'l-acp', label: 'Load ACP', kind: 'acp', baseUrl: sb.urls.acp, agentId: RESEARCH },
      { id: 'l-ap', label: 'Load AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol, agentId: 'research-assistant' },
    ]);
    await withDialogs({ showInputBox: answers(sb.icaApiKey) }, () => vscode.commands.executeCommand('runsExplorer.setCredentials', 'l-ica'));
    // Expand what auto refresh re-reads: the four roots and KFP's All Runs.
    for (const id of ['l-kfp', 'l-ica', 'l-acp', 'l-ap']) {
      const root = await backendRoot(api, id);
      api.setExpanded(root, true);
      await api.treeChildren(root);
    }
    api.setExpanded(await child(api, await backendRoot(api, 'l-kfp'), 'All Runs'), true);
    // 20 streaming runs: 10 ACP + 10 Agent Protocol.
    const deps = { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 5000 };
    const acp = new AcpBackend({ id: 'l-acp', label: 'x', kind: 'acp', baseUrl: sb.urls.acp }, deps);
    const ap = (await import('../../src/backends/agent-protocol')).createBackend({ id: 'l-ap', label: 'x', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }, deps);
    const refs: RunRef[] = [];
    for (let i = 0; i < 10; i++) refs.push(await acp.createRun({ body: { agent_id: RESEARCH, input: { topic: `load ${i}` }, streaming: 'custom' } }));
    for (let i = 0; i < 10; i++) refs.push(await ap.createRun({ body: { agent_id: 'research-assistant', input: { topic: `load ${i}` } } }));
    acp.dispose();
    ap.dispose();
    sb.requests.clear();
    for (const ref of refs) await vscode.commands.executeCommand('runsExplorer.openRun', { backendId: ref.backendId, runId: ref.runId });
    const streams = (): number => sb.requests.list().filter((e) => /\/runs\/[^/]+\/stream$/.test(e.path) && e.method === 'GET').length;
    await waitFor('20 streams open', () => (streams() >= 20 ? true : undefined), 30_000);
    const refreshTicks = api.autoRefreshStats().ticks;
    await new Promise((r) => setTimeout(r, LOAD_SECONDS * 1000));
    assert.ok(api.autoRefreshStats().ticks > refreshTicks, 'auto refresh ran meanwhile');
    // Close everything; stop auto refresh.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('refreshIntervalSeconds', 0);
    for (const id of ['l-kfp', 'l-ica', 'l-acp', 'l-ap']) api.setExpanded(await backendRoot(api, id), false);
    const open = (): number => sb.requests.list().filter((e) => /\/runs\/[^/]+\/stream$/.test(e.path) && !e.clientDisconnected).length;
    // The runs are still going (slow clock): each stream ends only because its panel closed.
    await waitFor(`the sandbox to see the 20 streams end (disconnects: ${sb.requests.disconnects()})`, () => (sb.requests.disconnects() >= 20 ? true : undefined), 10_000);
    assert.strictEqual(open(), 0, 'no stream is left open');
    await waitFor(`sockets to the sandbox to close (now ${sandboxSockets()})`, () => (sandboxSockets() === 0 ? true : undefined), 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const timersAfter = timers();
    assert.ok(timersAfter <= timersBefore + 5, `no growth of timers after the panels closed (${timersBefore} before, ${timersAfter} after)`);
    process.off('unhandledRejection', onRejection);
    assert.deepStrictEqual(rejections.map(String), [], 'no unhandled rejection');
  });
});
