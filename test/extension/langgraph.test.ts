import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { startLangGraph, type LangGraphServer } from '../unit/backends/langgraph/server';
import { backendRoot, extension, setBackends, waitFor, withDialogs } from './support/env';

type ItemNode = Extract<TreeNode, { type: 'item' }>;

/** Test data, made straight on the server (the product's own create path is tested elsewhere). */
async function post(base: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.ok, `${path}: ${res.status} ${text}`);
  // /wait answers JSON as text/plain.
  return JSON.parse(text) as Record<string, unknown>;
}

describe('Runs tree against the real LangGraph server', function () {
  this.timeout(120000);
  let lg: LangGraphServer;
  let interruptedThread: string;

  before(async () => {
    lg = await startLangGraph();
    const thread = await post(lg.url, 'threads', {});
    interruptedThread = String(thread.thread_id);
    await post(lg.url, `threads/${interruptedThread}/runs/wait`, { assistant_id: 'chunky', input: { topic: 'tree', n: 2, delayMs: 10 } });
    await setBackends([{ id: 'lg', label: 'LangGraph', kind: 'langgraph', baseUrl: lg.url, assistantId: 'chunky' }]);
  });
  after(async () => {
    await setBackends(undefined);
    await lg?.close();
  });

  it('lists threads with their status and the runs of a thread', async () => {
    const { api } = await extension();
    const threads = (await api.treeChildren(await backendRoot(api, 'lg'))).filter((n): n is ItemNode => n.type === 'item');
    const thread = threads.find((n) => n.node.type === 'thread' && n.node.scope?.threadId === interruptedThread);
    assert.ok(thread, `the thread in ${threads.map((n) => api.treeLabel(n)).join(', ')}`);
    assert.strictEqual(thread.node.state?.status, 'needs-input', 'an interrupted thread needs input');
    const runs = (await api.treeChildren(thread)).filter((n): n is ItemNode => n.type === 'item' && n.node.run !== undefined);
    assert.strictEqual(runs.length, 1);
    assert.match(String(api.treeItem(runs[0]).contextValue), /^run kind-langgraph .*\bresume\b/);
  });

  it('cancels a running run (interrupt) from the tree', async () => {
    const { api } = await extension();
    const thread = await post(lg.url, 'threads', {});
    const run = await post(lg.url, `threads/${String(thread.thread_id)}/runs`, { assistant_id: 'chunky', input: { topic: 'slow', n: 50, delayMs: 500 } });
    const node = await waitFor('the running run in the tree', async () => {
      const threads = (await api.treeChildren(await backendRoot(api, 'lg'))).filter((n): n is ItemNode => n.type === 'item');
      const t = threads.find((n) => n.node.scope?.threadId === thread.thread_id);
      if (!t) {
        await vscode.commands.executeCommand('runsExplorer.refresh');
        return undefined;
      }
      const runs = (await api.treeChildren(t)).filter((n): n is ItemNode => n.type === 'item' && n.node.run?.runId === run.run_id);
      return runs.find((r) => r.node.run?.capabilities.cancel);
    });
    await withDialogs(
      { showWarningMessage: async () => 'Cancel Run', showQuickPick: async (items: unknown) => (await Promise.resolve(items as Array<{ mode: string }>)).find((i) => i.mode === 'interrupt') },
      () => vscode.commands.executeCommand('runsExplorer.cancelRun', node),
    );
    const after = await waitFor('the run to stop', async () => {
      const res = await fetch(new URL(`threads/${String(thread.thread_id)}/runs/${String(run.run_id)}`, lg.url));
      const body = (await res.json()) as { status: string };
      return ['error', 'interrupted', 'success'].includes(body.status) ? body.status : undefined;
    }, 30000);
    assert.notStrictEqual(after, 'success', 'the run was stopped, not finished');
  });
});
