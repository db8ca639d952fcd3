// Create Run in the real extension host against the sandbox's Agent Protocol server: the create panel
// gets the backend's schema, the host refuses schema-invalid bodies without sending anything, a server
// rejection keeps the panel (and its text), and a valid body creates the run, whose panel opens and streams.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AgentProtocolBackend } from '../../src/backends/agent-protocol';
import type { Backend, Logger, RunRef } from '../../src/core';
import type { Sandbox } from '../../src/sandbox';
import type { HostMessage } from '../../src/shared/protocol';
import type { PanelBase, PanelDeps } from '../../src/ui/panel/panelBase';
import { RunPanelManager } from '../../src/ui/panel/panelManager';
import { answers, extension, setBackends, startSandbox, waitFor, withDialogs } from './support/env';

class MemoryLog implements Logger {
  readonly lines: string[] = [];
  trace(m: string) { this.lines.push(`trace ${m}`); }
  debug(m: string) { this.lines.push(`debug ${m}`); }
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string | Error) { this.lines.push(`error ${String(m)}`); }
}

function watch(panel: PanelBase) {
  const seen: HostMessage[] = [];
  panel.onDidPost((m) => seen.push(m));
  return {
    seen,
    next: (pred: (m: HostMessage) => boolean, what: string) => waitFor(what, () => seen.find(pred), 20_000),
  };
}

const reply = (requestId: string) => (m: HostMessage) => m.type === 'reply' && m.requestId === requestId;

describe('Create Run against the sandbox', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let backend: AgentProtocolBackend;
  let manager: RunPanelManager;
  const opened: RunRef[] = [];

  before(async () => {
    const { ext } = await extension();
    sb = await startSandbox({ seed: 11, runs: 5, speed: 5 });
    const log = new MemoryLog();
    backend = new AgentProtocolBackend({ id: 'ap', label: 'Sandbox AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }, { credentials: { get: async () => undefined }, log, timeoutMs: 10_000 });
    const deps: Omit<PanelDeps, 'openRun'> = {
      extensionUri: ext.extensionUri,
      log,
      backend: (id) => (id === 'ap' ? (backend as Backend) : undefined),
      backendLabel: () => 'Sandbox AP',
      maxEvents: () => 10_000,
      runCommand: async () => undefined,
      refreshTree: () => undefined,
      markDone: () => undefined,
      saveDialog: async () => undefined,
      pollIntervalMs: 100,
    };
    manager = new RunPanelManager(deps);
    const openRun = manager.openRun.bind(manager);
    manager.openRun = (ref, options) => {
      opened.push(ref);
      return openRun(ref, options);
    };
  });

  after(async () => {
    manager?.dispose();
    backend?.dispose();
    await setBackends(undefined);
    await sb?.close();
  });

  it('sends the schema to the webview; refuses schema-invalid bodies without a request; keeps the panel when the server refuses', async () => {
    const panel = manager.openCreate('ap', { agent_id: 'approver', run_mode: 'stream' });
    const w = watch(panel);
    const init = await w.next((m) => m.type === 'init', 'init');
    assert.ok(init.type === 'init' && init.mode === 'create');
    const properties = (init.schema as { properties: Record<string, { enum?: unknown[] }> }).properties;
    assert.deepStrictEqual(properties['run_mode'].enum, ['background', 'stream', 'wait']);
    assert.deepStrictEqual(properties['agent_id'].enum, ['research-assistant', 'approver', 'flaky-tool']);
    const template = JSON.parse(init.template) as Record<string, unknown>;
    assert.deepStrictEqual([template['agent_id'], template['run_mode']], ['approver', 'stream'], 'the picks prefill the template');

    const posts = (): number => sb.requests.count('agentProtocol', 'POST', '^/runs');
    const before = posts();
    const invalid = [
      { ...template, agent_id: 'nobody' },
      { ...template, run_mode: 'later' },
      { ...template, stream_mode: ['values', 'everything'] },
      { ...template, input: { topic: 7 } },
    ];
    for (const [i, body] of invalid.entries()) await panel.handleMessage({ type: 'create', requestId: `bad${i}`, text: JSON.stringify(body, null, 2) });
    await panel.handleMessage({ type: 'create', requestId: 'syntax', text: '{"agent_id": ' });
    for (const id of [...invalid.keys()].map((i) => `bad${i}`).concat('syntax')) {
      const r = await w.next(reply(id), id);
      assert.ok(r.type === 'reply' && !r.ok && r.rejected, `${id} refused`);
    }
    const r1 = w.seen.find(reply('bad1'));
    assert.ok(r1?.type === 'reply' && !r1.ok && /\/run_mode/.test(r1.error), 'the problem names the value');
    assert.strictEqual(posts(), before, 'nothing was sent');
    assert.strictEqual(panel.isDisposed, false);

    // Valid by the schema, refused by the server (no such thread): the panel stays for another try.
    await panel.handleMessage({ type: 'create', requestId: 'server', text: JSON.stringify({ ...template, thread_id: '00000000-0000-4000-8000-000000000000' }) });
    const r = await w.next(reply('server'), 'server reply');
    assert.ok(r.type === 'reply' && !r.ok && /not found/i.test(r.error), JSON.stringify(r));
    assert.strictEqual(posts(), before + 1);
    assert.strictEqual(panel.isDisposed, false, 'the create panel (and its text) stays');
    assert.strictEqual(opened.length, 0);
    panel.dispose();
  });

  it('creates a valid run (run mode stream), opens its panel and streams it', async () => {
    const panel = manager.openCreate('ap', { agent_id: 'research-assistant', run_mode: 'stream' });
    const w = watch(panel);
    const init = await w.next((m) => m.type === 'init', 'init');
    assert.ok(init.type === 'init' && init.mode === 'create');
    const body = { ...(JSON.parse(init.template) as Record<string, unknown>), input: { topic: 'create run test' } };
    const before = sb.requests.count('agentProtocol', 'POST', '^/runs/stream$');
    await panel.handleMessage({ type: 'create', requestId: 'ok', text: JSON.stringify(body, null, 2) });
    const r = await w.next(reply('ok'), 'create reply');
    assert.ok(r.type === 'reply' && r.ok, JSON.stringify(r));
    const runId = (r.result as { runId: string }).runId;
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs/stream$'), before + 1, 'run_mode stream was honoured');
    assert.strictEqual(panel.isDisposed, true, 'the create panel closes');
    assert.deepStrictEqual(opened.map((o) => o.runId), [runId]);
    const runPanel = manager.runPanel({ backendId: 'ap', runId });
    assert.ok(runPanel, 'the run panel is open');
    const rw = watch(runPanel);
    await rw.next((m) => m.type === 'events' && m.events.some((e) => e.type === 'metadata'), 'streamed events');
  });

  it('the command asks the form\'s choices as quick picks, then opens the create panel', async () => {
    const { api } = await extension();
    await setBackends([{ id: 'cr-ap', label: 'Create AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }]);
    await waitFor('the backend', async () => (await api.treeChildren()).some((n) => n.type === 'backend' && n.profile.id === 'cr-ap'));
    const asked: Array<{ title?: string; values: string[] }> = [];
    const pick = async (items: ReadonlyArray<{ label: string; value: string }> | Thenable<ReadonlyArray<{ label: string; value: string }>>, options?: vscode.QuickPickOptions) => {
      const list = await items;
      asked.push({ title: options?.placeHolder, values: list.map((i) => i.value) });
      return list.find((i) => i.value === 'approver' || i.value === 'wait');
    };
    await withDialogs({ showQuickPick: pick as never }, () => vscode.commands.executeCommand('runsExplorer.createRun', 'cr-ap'));
    assert.deepStrictEqual(asked, [
      { title: 'Agent?', values: ['research-assistant', 'approver', 'flaky-tool'] },
      { title: 'Run mode?', values: ['background', 'stream', 'wait'] },
    ]);
    const tab = await waitFor('the create panel tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Create Run: Create AP'));
    // Opening it again reveals the open panel without asking again.
    await withDialogs({ showQuickPick: answers() as never }, () => vscode.commands.executeCommand('runsExplorer.createRun', 'cr-ap'));
    assert.strictEqual(asked.length, 2);
    await vscode.window.tabGroups.close(tab);
  });
});
