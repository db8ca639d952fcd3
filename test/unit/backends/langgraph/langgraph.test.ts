import * as assert from 'assert';
import { isBackendError, NULL_LOGGER, type BackendDeps, type BackendNode, type OutputEvent, type RunRef } from '../../../../src/core';
import { LangGraphBackend } from '../../../../src/backends/langgraph';
import { createBackend } from '../../../../src/backends/langgraph';
import { startLangGraph, type LangGraphServer } from './server';
import { collectEvents, eachEvent } from '../../../support/events';

const deps: BackendDeps = { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 15_000 };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function rejects(p: Promise<unknown>, code: string, text?: RegExp): Promise<Error> {
  try {
    await p;
  } catch (e) {
    assert.ok(isBackendError(e), `expected a BackendError, got ${String(e)}`);
    assert.strictEqual(e.code, code, e.message);
    if (text) assert.match(e.message, text);
    return e;
  }
  assert.fail(`expected a ${code} error`);
}

describe('langgraph backend against the real LangGraph API server', function () {
  this.timeout(60_000);
  let server: LangGraphServer;
  let backend: LangGraphBackend;

  before(async function () {
    this.timeout(90_000);
    server = await startLangGraph();
    backend = new LangGraphBackend({ id: 'lg', label: 'LG', kind: 'langgraph', baseUrl: server.url, assistantId: 'chunky' }, deps, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  });

  after(async () => {
    backend?.dispose();
    await server?.close();
  });

  const run = (input: Record<string, unknown>, threadId?: string): Promise<RunRef> =>
    backend.createRun({ body: { assistant_id: 'chunky', input, ...(threadId ? { thread_id: threadId } : {}) } });

  it('is created by the registry factory', () => {
    const b = createBackend({ id: 'x', label: 'X', kind: 'langgraph', baseUrl: server.url }, deps);
    assert.ok(b instanceof LangGraphBackend);
    b.dispose();
  });

  it('tests the connection and lists assistants', async () => {
    const info = await backend.testConnection();
    assert.match(info.summary, /LangGraph at http:\/\/127\.0\.0\.1:\d+: server 2\.0\.0, 1 assistant \(chunky\)/);
    const assistants = await backend.client.searchAssistants({ graph_id: 'chunky', limit: 10 });
    assert.strictEqual(assistants.items.length, 1);
    assert.strictEqual(assistants.items[0].graph_id, 'chunky');
    assert.strictEqual((await backend.client.searchAssistants({ graph_id: 'nope' })).items.length, 0);
    assert.deepStrictEqual(await backend.createRunTemplate(), { assistant_id: 'chunky', input: {}, stream_mode: ['values', 'updates', 'custom'] });
  });

  it('creates a thread run, streams it, sees the thread interrupted, resumes with JSON and sees it finish', async () => {
    const ref = await run({ topic: 'demo', n: 3, delayMs: 30 });
    assert.ok(ref.threadId);
    const events = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal }));
    const types = events.map((e) => e.type);
    assert.strictEqual(types[0], 'metadata');
    assert.deepStrictEqual((events[0].data as { run_id: string }).run_id, ref.runId);
    assert.deepStrictEqual(
      events.filter((e) => e.type === 'custom').map((e) => e.data),
      [1, 2, 3].map((i) => ({ chunk: i, text: `part ${i} of demo` })),
    );
    assert.ok(types.includes('values') && types.includes('updates'));
    assert.ok(events.every((e) => e.id !== undefined && !e.malformed), 'thread run streams carry ids and JSON data');
    const last = events.filter((e) => e.type === 'updates').pop();
    assert.ok(JSON.stringify(last?.data).includes('__interrupt__'));

    const finished = await backend.getRun(ref);
    assert.deepStrictEqual(finished.state, { status: 'succeeded', raw: 'success' });
    assert.strictEqual(finished.capabilities.resume, true, 'a stopped run of an interrupted thread offers resume');
    assert.strictEqual(finished.capabilities.cancel, false);

    const threads = await backend.listChildren(undefined, { pageSize: 50 });
    const thread = threads.items.find((n) => n.scope?.['threadId'] === ref.threadId);
    assert.ok(thread);
    assert.strictEqual(thread.type, 'thread');
    assert.deepStrictEqual(thread.state, { status: 'needs-input', raw: 'interrupted' });
    assert.strictEqual(thread.description, 'interrupted');

    const interrupt = await backend.getInterrupt(ref);
    assert.deepStrictEqual(interrupt, { type: 'review', payload: { question: 'approve?', chunks: 3 } });

    const next = await backend.resume(ref, { approved: true, note: 'looks good' });
    assert.strictEqual(next.threadId, ref.threadId);
    assert.notStrictEqual(next.runId, ref.runId, 'LangGraph resumes as a new run');
    const resumed = await collectEvents(backend.streamOutput(next, { signal: new AbortController().signal }));
    const text = JSON.stringify(resumed.map((e) => e.data));
    assert.match(text, /demo: 3 chunks, approved=\{\\"approved\\":true,\\"note\\":\\"looks good\\"\}/);

    const done = await backend.getRun(next);
    assert.strictEqual(done.state.status, 'succeeded');
    assert.strictEqual(done.capabilities.resume, false);
    assert.strictEqual(await backend.getInterrupt(next), undefined);
    const state = await backend.client.getThreadState(ref.threadId);
    assert.deepStrictEqual(state.next, []);
    const t = await backend.client.getThread(ref.threadId);
    assert.strictEqual(t.status, 'idle');

    await rejects(backend.resume(next, 'again'), 'rejected', /not waiting for input \(status idle\)/);
  });

  it('keeps a server validation error as a clear rejected BackendError', async () => {
    const thread = await backend.client.createThread({ metadata: { name: 'bad-body' } });
    const e = await rejects(
      backend.client.createThreadRun(thread.thread_id, { assistant_id: 'chunky', stream_mode: 'bogus' as never }),
      'rejected',
      /400 Bad Request — stream_mode/,
    );
    assert.strictEqual((e as { status?: number }).status, 400);
    await rejects(backend.createRun({ body: { input: {} } }), 'rejected', /needs "assistant_id"/);
    await rejects(backend.createRun({ body: [] }), 'rejected', /JSON object/);
    await rejects(backend.createRun({ body: { assistant_id: 'chunky', thread_id: 5 } }), 'rejected', /thread_id/);
  });

  it('reports not-found runs and thread-less refs as not-found', async () => {
    const thread = await backend.client.createThread();
    await rejects(backend.getRun({ backendId: 'lg', runId: '00000000-0000-4000-8000-000000000000', threadId: thread.thread_id }), 'not-found', /404 Not Found/);
    await rejects(backend.getRun({ backendId: 'lg', runId: 'x' }), 'not-found', /thread-scoped/);
  });

  it('cancels a running run (interrupt) and a pending one (interrupt, rollback)', async () => {
    const ref = await run({ topic: 'slow', n: 200, delayMs: 50 });
    await until('running', async () => ((await backend.getRun(ref)).state.raw === 'running' ? true : undefined));
    const running = await backend.getRun(ref);
    assert.deepStrictEqual(running.state, { status: 'running', raw: 'running' });
    assert.strictEqual(running.capabilities.cancel, true);
    assert.strictEqual(running.capabilities.wait, true);
    assert.strictEqual(running.capabilities.delete, false);
    await backend.perform(ref, 'cancel');
    const after = await backend.waitForRun(ref);
    assert.ok(['error', 'interrupted'].includes(after.state.raw), after.state.raw);
    assert.ok(['failed', 'canceled'].includes(after.state.status));
    assert.strictEqual(after.capabilities.delete, true);

    const thread = await backend.client.createThread();
    const pending = await backend.client.createThreadRun(thread.thread_id, { assistant_id: 'chunky', input: { topic: 'later' }, after_seconds: 60 });
    const pref = { backendId: 'lg', runId: pending.run_id, threadId: thread.thread_id };
    assert.deepStrictEqual((await backend.getRun(pref)).state, { status: 'queued', raw: 'pending' });
    await backend.perform(pref, 'cancel', { cancelMode: 'interrupt' });
    assert.deepStrictEqual((await backend.getRun(pref)).state, { status: 'canceled', raw: 'interrupted' });

    const doomed = await backend.client.createThreadRun(thread.thread_id, { assistant_id: 'chunky', input: { topic: 'never' }, after_seconds: 60 });
    const dref = { backendId: 'lg', runId: doomed.run_id, threadId: thread.thread_id };
    await backend.perform(dref, 'cancel', { cancelMode: 'rollback' });
    await rejects(backend.getRun(dref), 'not-found');
    await rejects(backend.perform(dref, 'archive'), 'unsupported', /cannot be archived/);
  });

  it('lists thread runs page by page (to the last page) with status and text filters, and deletes', async () => {
    const thread = await backend.client.createThread({ metadata: { name: 'paging' } });
    const tid = thread.thread_id;
    const ids: string[] = [];
    for (const input of [{ n: 1, skipReview: true }, { n: 1, skipReview: true }, { n: 1, fail: true }]) {
      const r = await backend.client.createThreadRun(tid, { assistant_id: 'chunky', input: { topic: 'p', delayMs: 1, ...input } });
      ids.push(r.run_id);
      await backend.client.joinThreadRun(tid, r.run_id);
    }
    const node: BackendNode = { type: 'thread', key: `thread:${tid}`, label: 'paging', expandable: true, scope: { threadId: tid, status: 'error' } };
    const p1 = await backend.listChildren(node, { pageSize: 2 });
    assert.strictEqual(p1.items.length, 2);
    assert.strictEqual(p1.next, '2');
    const p2 = await backend.listChildren(node, { pageSize: 2, cursor: p1.next });
    assert.strictEqual(p2.items.length, 1);
    assert.strictEqual(p2.next, undefined, 'the last page has no next');
    const all = [...p1.items, ...p2.items].map((n) => n.run?.runId);
    assert.deepStrictEqual([...all].sort(), [...ids].sort());
    const runs = [...p1.items, ...p2.items].map((n) => n.run!);
    assert.deepStrictEqual(runs.map((r) => r.state.raw).sort(), ['error', 'success', 'success']);
    assert.ok(runs.every((r) => r.threadId === tid && r.kind === 'langgraph' && r.name.startsWith('chunky ')), JSON.stringify(runs.map((r) => [r.threadId, r.name])));

    const failed = await backend.listChildren(node, { pageSize: 10, filter: { statuses: ['failed'] } });
    assert.deepStrictEqual(failed.items.map((n) => n.run?.state), [{ status: 'failed', raw: 'error' }]);
    const byText = await backend.listChildren(node, { pageSize: 10, filter: { text: ids[1].slice(0, 8) } });
    assert.deepStrictEqual(byText.items.map((n) => n.run?.runId), [ids[1]]);

    const direct = await backend.client.listThreadRuns(tid, { limit: 10, status: 'success' });
    assert.strictEqual(direct.length, 2);

    await backend.perform({ backendId: 'lg', runId: ids[0], threadId: tid }, 'delete');
    const left = await backend.listChildren(node, { pageSize: 10 });
    assert.deepStrictEqual(left.items.map((n) => n.run?.runId).sort(), ids.slice(1).sort());
    const errorThread = await backend.client.getThread(tid);
    assert.strictEqual(errorThread.status, 'error');
  });

  it('joins a running run (waitForRun, join) and streams a failing run with its error event', async () => {
    const ref = await run({ topic: 'join', n: 3, delayMs: 40, skipReview: true });
    const values = await backend.client.joinThreadRun(ref.threadId!, ref.runId);
    assert.strictEqual((values as { result?: string }).result, 'join: 3 chunks, approved=undefined');
    const r = await backend.waitForRun(ref);
    assert.strictEqual(r.state.status, 'succeeded');

    const bad = await run({ topic: 'bad', n: 2, fail: true });
    const events = await collectEvents(backend.streamOutput(bad, { signal: new AbortController().signal }));
    const err = events.find((e) => e.type === 'error');
    assert.ok(err, JSON.stringify(events.map((e) => e.type)));
    assert.match(JSON.stringify(err.data), /produce failed at chunk 1/);
    assert.deepStrictEqual((await backend.getRun(bad)).state, { status: 'failed', raw: 'error' });
    const threadNodes = await backend.listChildren(undefined, { pageSize: 100, filter: { statuses: ['failed'] } });
    assert.ok(threadNodes.items.some((n) => n.scope?.['threadId'] === bad.threadId));
    assert.ok(threadNodes.items.every((n) => n.state?.raw === 'error'));
  });

  it('resumes a stream after a given Last-Event-ID and stops cleanly on abort', async () => {
    const ref = await run({ topic: 'ids', n: 2, delayMs: 10, skipReview: true });
    await backend.waitForRun(ref);
    const all = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal }));
    assert.ok(all.length > 4);
    const tail = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal, lastEventId: all[2].id }));
    assert.deepStrictEqual(
      tail.map((e) => e.id),
      all.slice(3).map((e) => e.id),
    );

    const slow = await run({ topic: 'abort', n: 100, delayMs: 50 });
    const controller = new AbortController();
    const got: OutputEvent[] = [];
    const started = Date.now();
    for await (const e of eachEvent(backend.streamOutput(slow, { signal: controller.signal }))) {
      got.push(e);
      if (got.length === 2) controller.abort();
    }
    assert.strictEqual(got.length, 2);
    assert.ok(Date.now() - started < 5000);
    await backend.perform(slow, 'cancel');
  });

  it('searches threads newest first, page by page to the last page, with a status filter', async () => {
    const first = await backend.client.createThread({ metadata: { name: 'older' } });
    await new Promise((r) => setTimeout(r, 5));
    const second = await backend.client.createThread({ metadata: { name: 'newer' } });
    const top = await backend.listChildren(undefined, { pageSize: 2 });
    assert.deepStrictEqual(top.items.map((n) => n.scope?.['threadId']), [second.thread_id, first.thread_id]);
    assert.ok(top.items[0].label.startsWith('newer '));
    assert.deepStrictEqual(top.items[0].state, { status: 'succeeded', raw: 'idle' });
    let cursor = top.next;
    let pages = 1;
    let seen = top.items.length;
    while (cursor) {
      const page = await backend.listChildren(undefined, { pageSize: 2, cursor });
      seen += page.items.length;
      cursor = page.next;
      pages++;
    }
    const total = (await backend.client.searchThreads({ limit: 1000 })).items.length;
    assert.strictEqual(seen, total);
    assert.strictEqual(pages, Math.ceil(total / 2));
    const interrupted = await backend.listChildren(undefined, { pageSize: 100, filter: { statuses: ['needs-input'] } });
    assert.ok(interrupted.items.every((n) => n.state?.raw === 'interrupted'));
    const search = await backend.client.searchThreads({ metadata: { name: 'newer' } });
    assert.deepStrictEqual(search.items.map((t) => t.thread_id), [second.thread_id]);
    const named = await backend.listChildren(undefined, { pageSize: 100, filter: { text: 'older' } });
    assert.deepStrictEqual(named.items.map((n) => n.scope?.['threadId']), [first.thread_id]);
  });

  it('creates a run on a given thread and creates-and-streams with the stream route', async () => {
    const thread = await backend.client.createThread();
    const ref = await run({ topic: 'given', n: 1, skipReview: true }, thread.thread_id);
    assert.strictEqual(ref.threadId, thread.thread_id);
    await backend.waitForRun(ref);
    const fresh = await backend.client.createThread();
    const events = [];
    for await (const e of eachEvent(backend.client.createThreadRunStream(fresh.thread_id, { assistant_id: 'chunky', input: { topic: 's', n: 1, skipReview: true }, stream_mode: ['custom'] }))) {
      events.push(e);
    }
    assert.deepStrictEqual(events.map((e) => e.event), ['metadata', 'custom']);
    assert.deepStrictEqual(JSON.parse(events[1].data), { chunk: 1, text: 'part 1 of s' });
    assert.strictEqual(backend.webUrl(ref), undefined);
    const withUi = new LangGraphBackend({ id: 'lg', label: 'LG', kind: 'langgraph', baseUrl: server.url, uiUrl: 'https://smith.example/studio' }, deps);
    assert.match(withUi.webUrl(ref) ?? '', new RegExp(`^https://smith.example/studio/thread/${thread.thread_id}\\?baseUrl=`));
    await rejects(backend.getLog(), 'unsupported');
  });
});
