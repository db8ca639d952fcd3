// The run panel host in the real extension host: handshake with the real webview bundle, message
// validation, actions, resume, export, serializer restore, abort on close.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { capabilities, type Backend, type BackendNode, type InterruptInfo, type ListOptions, type Logger, type OutputBatch, type OutputEvent, type Page, type Run, type RunRef, type StreamOptions } from '../../src/core';
import type { HostMessage } from '../../src/shared/protocol';
import type { PanelDeps } from '../../src/ui/panel/panelBase';
import { RunPanelManager } from '../../src/ui/panel/panelManager';
import type { RunPanel } from '../../src/ui/panel/runPanel';

const EXTENSION_ID = 'runs-explorer.runs-explorer';

class MemoryLog implements Logger {
  readonly lines: string[] = [];
  trace(m: string) { this.lines.push(`trace ${m}`); }
  debug(m: string) { this.lines.push(`debug ${m}`); }
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string | Error) { this.lines.push(`error ${String(m)}`); }
}

const SCHEMA = { type: 'object', required: ['approved'], properties: { approved: { type: 'boolean' } }, additionalProperties: false };

/** A scripted backend: `events` are streamed (then the stream waits until aborted when `hang`). */
class FakeBackend implements Partial<Backend> {
  readonly profile = { id: 'fake', label: 'Fake', kind: 'acp' as const, baseUrl: 'http://127.0.0.1:9/' };
  status: Run['state'] = { status: 'running', raw: 'pending' };
  events: OutputEvent[] = [];
  hang = false;
  readonly streamSignals: AbortSignal[] = [];
  readonly resumed: Array<{ ref: RunRef; value: unknown }> = [];
  resumeTo: string | undefined;
  resumeError: Error | undefined;
  interrupt: InterruptInfo | undefined;
  getRunCalls = 0;

  run(ref: RunRef): Run {
    return { backendId: 'fake', runId: ref.runId, kind: 'acp', name: `Run ${ref.runId}`, state: this.status, createdAt: new Date(Date.now() - 60000), capabilities: capabilities({ cancel: true, delete: true, resume: this.status.status === 'needs-input', stream: true }), raw: { id: ref.runId, note: '<img src=x onerror=alert(1)>' } };
  }
  async getRun(ref: RunRef): Promise<Run> {
    this.getRunCalls++;
    return this.run(ref);
  }
  async *streamOutput(_ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch> {
    this.streamSignals.push(options.signal);
    for (const e of this.events) yield [e];
    if (this.hang) {
      await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
  }
  async getInterrupt(): Promise<InterruptInfo | undefined> {
    return this.status.status === 'needs-input' ? this.interrupt : undefined;
  }
  async resume(ref: RunRef, value: unknown): Promise<RunRef> {
    if (this.resumeError) throw this.resumeError;
    this.resumed.push({ ref, value });
    this.status = { status: 'running', raw: 'pending' };
    return { backendId: ref.backendId, runId: this.resumeTo ?? ref.runId };
  }
  async listChildren(parent: BackendNode | undefined, _o: ListOptions): Promise<Page<BackendNode>> {
    if (parent?.type !== 'run') return { items: [] };
    const task = (id: string, name: string) => ({ type: 'task' as const, key: `task:${id}`, label: name, expandable: false, task: { id, runId: parent.run!.runId, name, state: { status: 'succeeded' as const, raw: 'SUCCEEDED' } } });
    return { items: [task('t1', 'train'), task('t2', 'eval')] };
  }
  async getLog(_ref: RunRef, taskId?: string): Promise<string> {
    return `log of ${taskId}`;
  }
  webUrl(): string | undefined {
    return undefined;
  }
  dispose(): void {}
}

interface Harness {
  manager: RunPanelManager;
  backend: FakeBackend;
  log: MemoryLog;
  commands: Array<[string, Run]>;
  /** Walkthrough steps the panels marked done. */
  done: string[];
}

function harness(extensionUri: vscode.Uri, backend = new FakeBackend(), maxEvents = 10000): Harness {
  const log = new MemoryLog();
  const commands: Array<[string, Run]> = [];
  const done: string[] = [];
  const deps: Omit<PanelDeps, 'openRun'> = {
    extensionUri,
    log,
    backend: (id) => (id === 'fake' ? (backend as unknown as Backend) : undefined),
    backendLabel: (id) => (id === 'fake' ? 'Fake' : id),
    maxEvents: () => maxEvents,
    runCommand: async (command, run) => {
      commands.push([command, run]);
    },
    refreshTree: () => undefined,
    markDone: (step) => done.push(step),
    saveDialog: async () => undefined,
    pollIntervalMs: 50,
  };
  return { manager: new RunPanelManager(deps), backend, log, commands, done };
}

/** Collects what the host posts; resolves when a message matches. */
function watch(panel: RunPanel) {
  const seen: HostMessage[] = [];
  panel.onDidPost((m) => seen.push(m));
  const waitFor = async (pred: (m: HostMessage) => boolean, what: string, timeoutMs = 20000): Promise<HostMessage> => {
    const t0 = Date.now();
    for (;;) {
      const m = seen.find(pred);
      if (m) return m;
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; seen: ${seen.map((s) => s.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { seen, waitFor };
}

async function until(cond: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ev = (type: string, data: unknown, id?: string): OutputEvent => ({ type, data, time: new Date(), ...(id ? { id } : {}) });

describe('Run panel host', function () {
  this.timeout(60000);
  let extensionUri: vscode.Uri;
  let h: Harness;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    extensionUri = ext.extensionUri;
  });

  afterEach(() => {
    h?.manager.dispose();
  });

  it('serves a strict CSP page: nonce scripts, no inline, no eval, local roots dist + media', () => {
    h = harness(extensionUri);
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const html = panel.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const src = panel.panel.webview.cspSource;
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9]{32}'; /);
    assert.ok(csp.endsWith(`; style-src ${src}; font-src ${src}; img-src ${src} data:`), csp);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.strictEqual(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`));
    assert.doesNotMatch(html, /style="/, 'no inline style attributes');
    const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => path.relative(extensionUri.fsPath, u.fsPath));
    assert.deepStrictEqual(roots, ['dist', 'media', path.join('dist', 'codicons')]);
    assert.ok(fs.existsSync(path.join(extensionUri.fsPath, 'dist', 'codicons', 'codicon.ttf')), 'codicons are bundled');
    assert.ok(fs.existsSync(path.join(extensionUri.fsPath, 'media', 'panel.css')));
  });

  it('opens one panel per run; opening it again reveals the same panel', async () => {
    h = harness(extensionUri);
    const a = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const b = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const c = h.manager.openRun({ backendId: 'fake', runId: 'r2' });
    assert.strictEqual(a, b);
    assert.notStrictEqual(a, c);
    assert.strictEqual(h.manager.openPanels.length, 2);
    await until(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('runsExplorer.run')).length === 2, 'two webview tabs');
  });

  it('handshakes with the real webview: ready -> init and a snapshot of run, events, stream state', async () => {
    h = harness(extensionUri);
    h.backend.events = [ev('agent_event', { step: 1 }, '1'), ev('agent_event', '<script>alert(1)</script>', '2')];
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    const init = await w.waitFor((m) => m.type === 'init', 'init (the webview script ran and posted ready)');
    assert.deepStrictEqual(init, { type: 'init', mode: 'run', backendId: 'fake', runId: 'r1', backendLabel: 'Fake', maxEvents: 10000 });
    const run = await w.waitFor((m) => m.type === 'run', 'run');
    assert.strictEqual(run.type === 'run' && run.run.name, 'Run r1');
    await until(() => panel.outputEvents().length === 2, 'two events');
    assert.deepStrictEqual(panel.outputEvents().map((e) => [e.seq, e.type, e.id]), [[0, 'agent_event', '1'], [1, 'agent_event', '2']]);
    assert.ok(!h.log.lines.some((l) => l.startsWith('error')), `no webview errors: ${h.log.lines.join('\n')}`);
  });

  it('logs and ignores unknown or malformed messages; answers a refused request so the webview does not hang', async () => {
    h = harness(extensionUri);
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    await w.waitFor((m) => m.type === 'init', 'init');
    await panel.handleMessage({ type: 'fetch', url: 'https://evil.example/' });
    await panel.handleMessage({ type: 'runCommand', command: 'workbench.action.terminal.new', requestId: 'r77' });
    await panel.handleMessage({ type: 'action', requestId: 'r78', action: 'cancel', runId: 'someone-else' });
    await panel.handleMessage('ready');
    assert.strictEqual(h.log.lines.filter((l) => l.startsWith('warn Run panel: ignored a message')).length, 4, h.log.lines.join('\n'));
    assert.ok(h.log.lines.some((l) => l.includes('unknown type "fetch"')));
    const r77 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'r77', 'reply r77');
    assert.strictEqual(r77.type === 'reply' && r77.ok, false);
    await w.waitFor((m) => m.type === 'reply' && m.requestId === 'r78', 'reply r78');
    assert.deepStrictEqual(h.commands, [], 'nothing was run');
  });

  it('performs actions through the tree commands (same confirmations), only those the run allows', async () => {
    h = harness(extensionUri);
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    await w.waitFor((m) => m.type === 'run', 'run');
    await panel.handleMessage({ type: 'action', requestId: 'a1', action: 'cancel' });
    await panel.handleMessage({ type: 'action', requestId: 'a2', action: 'retry' });
    const a1 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'a1', 'a1');
    const a2 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'a2', 'a2');
    assert.strictEqual(a1.type === 'reply' && a1.ok, true);
    assert.strictEqual(a2.type === 'reply' && a2.ok, false, 'retry is not a capability of this run');
    assert.deepStrictEqual(h.commands.map(([c, r]) => [c, r.runId]), [['runsExplorer.cancelRun', 'r1']]);
  });

  it('checks a resume value again on the host: invalid JSON or schema violations are never sent', async () => {
    h = harness(extensionUri);
    h.backend.status = { status: 'needs-input', raw: 'interrupted' };
    h.backend.interrupt = { type: 'approval', payload: { question: 'Send?' }, resumeSchema: SCHEMA };
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    const intr = await w.waitFor((m) => m.type === 'interrupt' && m.interrupt !== undefined, 'interrupt');
    assert.strictEqual(intr.type === 'interrupt' && intr.interrupt?.prefill, '{\n  "approved": false\n}', 'prefilled from the schema');
    await panel.handleMessage({ type: 'resume', requestId: 'x1', text: '{"approved": tru' });
    await panel.handleMessage({ type: 'resume', requestId: 'x2', text: '{"approved": "yes"}' });
    const x1 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'x1', 'x1');
    const x2 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'x2', 'x2');
    assert.ok(x1.type === 'reply' && !x1.ok && x1.rejected && /Not valid JSON/.test(x1.error));
    assert.ok(x2.type === 'reply' && !x2.ok && /\/approved/.test(x2.error));
    assert.deepStrictEqual(h.backend.resumed, []);
  });

  it('shows a server rejection, then resumes and follows the run the backend names', async () => {
    h = harness(extensionUri);
    h.backend.status = { status: 'needs-input', raw: 'interrupted' };
    h.backend.interrupt = { payload: { question: 'Send?' }, resumeSchema: SCHEMA };
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    await w.waitFor((m) => m.type === 'interrupt' && m.interrupt !== undefined, 'interrupt');
    const { BackendError } = await import('../../src/core');
    h.backend.resumeError = new BackendError('rejected', 'The agent rejected the resume value (422): approved is required');
    await panel.handleMessage({ type: 'resume', requestId: 'y1', text: '{"approved": true}' });
    const y1 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'y1', 'y1');
    assert.ok(y1.type === 'reply' && !y1.ok && y1.rejected && /422/.test(y1.error));
    assert.ok(!h.done.includes('resumedRun'), 'a rejected resume does not complete the walkthrough step');
    h.backend.resumeError = undefined;
    h.backend.resumeTo = 'r1-resumed';
    const streamsBefore = h.backend.streamSignals.length;
    await panel.handleMessage({ type: 'resume', requestId: 'y2', text: '{"approved": true}' });
    const y2 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'y2', 'y2');
    assert.deepStrictEqual(y2.type === 'reply' && y2.ok && y2.result, { runId: 'r1-resumed' });
    assert.deepStrictEqual(h.backend.resumed.map((r) => [r.ref.runId, r.value]), [['r1', { approved: true }]]);
    assert.ok(h.done.includes('resumedRun'), 'the walkthrough hears of the resume');
    await w.waitFor((m) => m.type === 'init' && m.mode === 'run' && m.runId === 'r1-resumed', 'init of the followed run');
    await until(() => h.backend.streamSignals.length > streamsBefore, 'a new stream');
    assert.strictEqual(h.manager.runPanel({ backendId: 'fake', runId: 'r1-resumed' }), panel, 're-keyed to the new run');
    assert.strictEqual(h.manager.runPanel({ backendId: 'fake', runId: 'r1' }), undefined);
  });

  it('aborts its stream and stops polling when closed', async () => {
    h = harness(extensionUri);
    h.backend.hang = true;
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    await until(() => h.backend.streamSignals.length === 1, 'stream started');
    const signal = h.backend.streamSignals[0];
    assert.strictEqual(signal.aborted, false);
    panel.panel.dispose();
    assert.strictEqual(signal.aborted, true, 'closing the panel aborts the stream');
    assert.strictEqual(panel.signal.aborted, true);
    assert.strictEqual(h.manager.openPanels.length, 0);
    const calls = h.backend.getRunCalls;
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(h.backend.getRunCalls, calls, 'no poll after close');
  });

  it('polls an active run when its stream ends, and stops when the run is over', async () => {
    h = harness(extensionUri);
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    await until(() => h.backend.getRunCalls >= 3, 'polls');
    h.backend.status = { status: 'succeeded', raw: 'success' };
    await until(() => panel.currentStreamState === 'ended', 'stream ended');
    await new Promise((r) => setTimeout(r, 200));
    const calls = h.backend.getRunCalls;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(h.backend.getRunCalls <= calls + 2, 'polling stops once the run is terminal');
  });

  it('keeps at most maxEvents (batched), counts the dropped ones, and exports JSON lines', async () => {
    h = harness(extensionUri, new FakeBackend(), 1000);
    h.backend.status = { status: 'succeeded', raw: 'success' };
    h.backend.events = Array.from({ length: 25000 }, (_, i) => ev('values', { i, html: '<b>x</b>' }, String(i)));
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    await until(() => panel.currentStreamState === 'ended', 'stream ended', 30000);
    // The last events may still wait for the message before them to be delivered.
    await until(() => panel.outputEvents().length === 1000 && panel.droppedEvents === 24000, '1000 kept, 24000 dropped');
    assert.deepStrictEqual([...new Set(h.done)], ['openedRun', 'watchedStream'], 'the walkthrough hears of the opened run and the watched stream');
    assert.strictEqual(panel.outputEvents()[0].seq, 24000);
    const batches = w.seen.filter((m) => m.type === 'events').length;
    assert.ok(batches < 100, `events are batched (${batches} messages for 25000 events)`);
    const file = vscode.Uri.file(path.join(os.tmpdir(), `runs-explorer-export-${process.pid}.jsonl`));
    const written = await panel.exportOutput(file);
    assert.strictEqual(written, file.fsPath);
    const lines = fs.readFileSync(file.fsPath, 'utf8').trim().split('\n');
    assert.strictEqual(lines.length, 1000);
    assert.deepStrictEqual(JSON.parse(lines[0]), { seq: 24000, id: '24000', type: 'values', time: JSON.parse(lines[0]).time, data: { i: 24000, html: '<b>x</b>' } });
    fs.rmSync(file.fsPath, { force: true });
  });

  it('lists tasks from the run node and serves logs of those tasks only', async () => {
    h = harness(extensionUri);
    const panel = h.manager.openRun({ backendId: 'fake', runId: 'r1' });
    const w = watch(panel);
    await w.waitFor((m) => m.type === 'run', 'run');
    await panel.handleMessage({ type: 'taskLog', requestId: 'l0', taskId: 't1' });
    const l0 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'l0', 'l0');
    assert.ok(l0.type === 'reply' && !l0.ok, 'no log before the tasks are known');
    await panel.handleMessage({ type: 'loadTasks', requestId: 'k1' });
    const tasks = await w.waitFor((m) => m.type === 'tasks', 'tasks');
    assert.deepStrictEqual(tasks.type === 'tasks' && tasks.tasks?.map((t) => [t.id, t.name, t.status, t.depth]), [['t1', 'train', 'succeeded', 0], ['t2', 'eval', 'succeeded', 0]]);
    await panel.handleMessage({ type: 'taskLog', requestId: 'l1', taskId: 't2' });
    const l1 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'l1', 'l1');
    assert.deepStrictEqual(l1.type === 'reply' && l1.ok && l1.result, 'log of t2');
    await panel.handleMessage({ type: 'taskLog', requestId: 'l2', taskId: '../../etc' });
    const l2 = await w.waitFor((m) => m.type === 'reply' && m.requestId === 'l2', 'l2');
    assert.ok(l2.type === 'reply' && !l2.ok);
  });

  it('restores panels from saved state (ids only) and closes panels whose state it cannot trust', async () => {
    h = harness(extensionUri);
    const panel = vscode.window.createWebviewPanel('runsExplorer.run', 'restored', vscode.ViewColumn.Active, {});
    const restored = h.manager.restore(panel, { v: 1, target: { mode: 'run', backendId: 'fake', runId: 'r9' }, tab: 'details', draft: '{"a":1}' });
    assert.ok(restored);
    assert.strictEqual(h.manager.runPanel({ backendId: 'fake', runId: 'r9' }), restored);
    assert.strictEqual(restored.panel.webview.options.enableScripts, true);
    const w = watch(restored as RunPanel);
    await w.waitFor((m) => m.type === 'run', 'the restored panel loads its run');
    const bad = vscode.window.createWebviewPanel('runsExplorer.run', 'bad', vscode.ViewColumn.Active, {});
    let closed = false;
    bad.onDidDispose(() => (closed = true));
    assert.strictEqual(h.manager.restore(bad, { v: 1, target: { mode: 'run', backendId: 'fake' } }), undefined);
    assert.ok(closed, 'a panel with unusable state is closed');
    const create = vscode.window.createWebviewPanel('runsExplorer.run', 'create', vscode.ViewColumn.Active, {});
    const c = h.manager.restore(create, { v: 1, target: { mode: 'create', backendId: 'fake' } });
    assert.ok(c);
    assert.deepStrictEqual(c.target, { mode: 'create', backendId: 'fake' });
  });

  it('shows a clear message when the backend is gone', async () => {
    h = harness(extensionUri);
    const panel = h.manager.openRun({ backendId: 'removed', runId: 'r1' });
    const w = watch(panel);
    const err = await w.waitFor((m) => m.type === 'error', 'error');
    assert.match(err.type === 'error' ? err.text : '', /"removed" is no longer configured/);
  });
});

describe('Run panel commands (with the sandbox)', function () {
  this.timeout(90000);

  after(async () => {
    await vscode.commands.executeCommand('runsExplorer.stopSandbox');
  });

  it('Open Run opens the panel for a sandbox ACP run, and the tree item opens it on click', async () => {
    const ext = vscode.extensions.getExtension<import('../../src/ui/api').RunsExplorerApi>(EXTENSION_ID)!;
    const api = await ext.activate();
    await vscode.commands.executeCommand('runsExplorer.trySandbox');
    let roots: Awaited<ReturnType<typeof api.treeChildren>> = [];
    for (let i = 0; i < 100 && !roots.some((r) => r.id === 'backend:sandbox-acp'); i++) {
      roots = await api.treeChildren();
      await new Promise((r) => setTimeout(r, 100));
    }
    const acp = roots.find((r) => r.id === 'backend:sandbox-acp');
    assert.ok(acp, `sandbox ACP backend in the tree: ${roots.map((r) => r.id).join(', ')}`);
    const agents = await api.treeChildren(acp);
    const runs = agents.length && agents[0].type === 'item' && agents[0].node.type === 'agent' ? await api.treeChildren(agents[0]) : agents;
    const runNode = runs.find((n) => n.type === 'item' && n.node.type === 'run');
    assert.ok(runNode && runNode.type === 'item' && runNode.node.run);
    const { toTreeItem } = await import('../../src/ui/tree/treeItems');
    const item = toTreeItem(runNode);
    assert.deepStrictEqual([item.command?.command, item.command?.arguments], ['runsExplorer.openRun', [runNode]], 'a click on a run opens its panel');
    await vscode.commands.executeCommand('runsExplorer.openRun', runNode);
    await until(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label === runNode.node.run!.name), 'the run panel tab', 20000);
    await vscode.commands.executeCommand('runsExplorer.openRun', { backendId: runNode.backendId, runId: runNode.node.run.runId });
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === runNode.node.run!.name);
    assert.strictEqual(tabs.length, 1, 'opening again reveals the same panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
