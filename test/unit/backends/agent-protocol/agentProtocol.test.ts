import * as assert from 'assert';
import { isBackendError, NULL_LOGGER, type BackendDeps, type BackendNode, type RunRef } from '../../../../src/core';
import { AgentProtocolBackend, createBackend } from '../../../../src/backends/agent-protocol';
import { startSandbox, type Sandbox } from '../../../../src/sandbox';
import { RecordingHttp, validateRequests } from '../recordingHttp';
import { collectEvents, eachEvent } from '../../../support/events';

const deps = (timeoutMs = 5000, key?: string): BackendDeps => ({ credentials: { get: async () => key }, log: NULL_LOGGER, timeoutMs });
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
const SPECS = ['agent-protocol/openapi.main-d9fd23d.json', 'agent-protocol/openapi.threads-runs-list-e542994.json', 'agent-protocol/openapi.pr55-resume-47dcc84.json'];

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

const never = (): AbortSignal => new AbortController().signal;

describe('agent-protocol backend against the sandbox', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let backend: AgentProtocolBackend;
  const recorders: RecordingHttp[] = [];
  const validated = new Set<string>();

  /** A fresh backend (fresh dialect memory) whose requests are recorded for the contract check. */
  const make = (extra: Partial<{ agentId: string; timeoutMs: number; key: string }> = {}): AgentProtocolBackend =>
    new AgentProtocolBackend(
      { id: 'ap', label: 'AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol, ...(extra.agentId ? { agentId: extra.agentId } : {}) },
      deps(extra.timeoutMs, extra.key),
      FAST,
      (o) => {
        const r = new RecordingHttp(o);
        recorders.push(r);
        return r;
      },
    );

  const backendRequests = (): RecordingHttp['requests'] => recorders.flatMap((r) => r.requests);

  before(async () => {
    sb = await startSandbox({ seed: 3, runs: 40, speed: 10 });
  });
  beforeEach(() => {
    backend = make();
  });
  afterEach(() => {
    sb.faults.clear();
    backend.dispose();
    // Every request the client sent in the test must match the upstream specs.
    for (const r of recorders.splice(0)) for (const route of validateRequests(r.requests, SPECS)) validated.add(route);
  });
  after(async () => {
    await sb?.close();
  });

  const thread = async (): Promise<string> => {
    const all = await backend.client.searchThreads({ limit: 1000 });
    const idle = all.find((t) => t.status === 'idle');
    assert.ok(idle);
    return idle.thread_id;
  };
  const create = (agentId: string, threadId?: string): Promise<RunRef> =>
    backend.createRun({ body: { agent_id: agentId, input: { topic: 'tests' }, stream_mode: ['values', 'updates', 'custom'], ...(threadId ? { thread_id: threadId } : {}) } });

  it('is made by the registry factory and tests the connection', async () => {
    assert.ok(createBackend({ id: 'x', label: 'X', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }, deps()) instanceof AgentProtocolBackend);
    assert.match((await backend.testConnection()).summary, /^Agent Protocol at http:\/\/127\.0\.0\.1:\d+: has thread search, run search$/);
    assert.deepStrictEqual((await backend.client.searchAgents({ limit: 10 })).map((a) => a.agent_id), ['research-assistant', 'approver', 'flaky-tool']);
    assert.deepStrictEqual(await backend.createRunTemplate(), { agent_id: 'research-assistant', input: {}, metadata: {}, stream_mode: ['values', 'updates', 'custom'] });
  });

  it('shows All Runs and the threads at the root, pages both to the last page, and thread runs under each thread', async () => {
    const first = await backend.listChildren(undefined, { pageSize: 5 });
    assert.deepStrictEqual([first.items[0].type, first.items[0].label], ['group', 'All Runs']);
    assert.ok(first.items.slice(1).every((n) => n.type === 'thread' && n.state !== undefined));
    const threads = await backend.client.searchThreads({ limit: 1000 });
    let seen = first.items.length - 1;
    let cursor = first.next;
    while (cursor) {
      const page = await backend.listChildren(undefined, { pageSize: 5, cursor });
      assert.ok(page.items.every((n) => n.type === 'thread'), 'All Runs only on the first page');
      seen += page.items.length;
      cursor = page.next;
    }
    assert.strictEqual(seen, threads.length);

    const runs = await backend.client.searchRuns({ limit: 1000 });
    let all = 0;
    cursor = undefined;
    do {
      const page = await backend.listChildren(first.items[0], { pageSize: 7, cursor });
      all += page.items.length;
      cursor = page.next;
    } while (cursor);
    assert.strictEqual(all, runs.length);
    assert.ok(runs.some((r) => !r.thread_id), 'the seed has stateless runs, reachable under All Runs');

    const busiest = threads.map((t) => ({ t, n: runs.filter((r) => r.thread_id === t.thread_id).length })).sort((a, b) => b.n - a.n)[0];
    const node: BackendNode = { type: 'thread', key: `thread:${busiest.t.thread_id}`, label: '', expandable: true, scope: { threadId: busiest.t.thread_id } };
    const p1 = await backend.listChildren(node, { pageSize: 1 });
    assert.strictEqual(p1.items.length, 1);
    let total = 1;
    cursor = p1.next;
    while (cursor) {
      const page = await backend.listChildren(node, { pageSize: 1, cursor });
      total += page.items.length;
      cursor = page.next;
    }
    assert.strictEqual(total, busiest.n);
    assert.ok(backendRequests().some((r) => r.method === 'GET' && r.path.endsWith('/runs')), 'thread runs come from the seed route');
  });

  it('maps every run and thread status and filters by status and text', async () => {
    const runs = await backend.client.searchRuns({ limit: 1000 });
    const expected: Record<string, string> = { pending: 'running', interrupted: 'needs-input', success: 'succeeded', error: 'failed', timeout: 'timed-out' };
    const allRuns: BackendNode = { type: 'group', key: 'group:all-runs', label: 'All Runs', expandable: true };
    const nodes = (await backend.listChildren(allRuns, { pageSize: 1000 })).items;
    assert.strictEqual(nodes.length, runs.length);
    for (const n of nodes) assert.strictEqual(n.run?.state.status, expected[n.run?.state.raw ?? ''], n.run?.state.raw);
    assert.ok(new Set(nodes.map((n) => n.run?.state.raw)).size >= 4);
    const threadExpected: Record<string, string> = { idle: 'succeeded', busy: 'running', interrupted: 'needs-input', error: 'failed' };
    const roots = (await backend.listChildren(undefined, { pageSize: 1000 })).items.slice(1);
    for (const t of roots) assert.strictEqual(t.state?.status, threadExpected[t.state?.raw ?? ''], t.state?.raw);
    assert.ok(new Set(roots.map((t) => t.state?.raw)).size >= 3);

    const waiting = await backend.listChildren(allRuns, { pageSize: 1000, filter: { statuses: ['needs-input'] } });
    assert.ok(waiting.items.length > 0 && waiting.items.every((n) => n.run?.state.raw === 'interrupted'));
    assert.ok(backendRequests().some((r) => r.path === '/runs/search' && (r.body as { status?: string }).status === 'interrupted'));
    const bad = await backend.listChildren(allRuns, { pageSize: 1000, filter: { statuses: ['failed', 'timed-out'] } });
    assert.strictEqual(bad.items.length, nodes.filter((n) => ['error', 'timeout'].includes(n.run?.state.raw ?? '')).length);
    const interruptedThreads = await backend.listChildren(undefined, { pageSize: 1000, filter: { statuses: ['needs-input'] } });
    assert.ok(interruptedThreads.items.slice(1).every((n) => n.state?.raw === 'interrupted'));
    const one = nodes[3].run!;
    const byText = await backend.listChildren(allRuns, { pageSize: 1000, filter: { text: one.runId.slice(0, 8) } });
    assert.deepStrictEqual(byText.items.map((n) => n.run?.runId), [one.runId]);
    const mine = await make({ agentId: 'approver' }).listChildren(undefined, { pageSize: 1000 });
    assert.ok(mine.items.length > 0 && mine.items.every((n) => n.run?.agentId === 'approver'));

    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '^/runs/[^/]+$' }, fault: { unknownStatus: true } });
    const odd = await backend.getRun(one);
    assert.strictEqual(odd.state.status, 'unknown');
    assert.match(odd.message ?? '', /unknown status/);
  });

  it('creates a thread run, streams it to the interrupt, resumes it (update-and-stream) and follows it to the end', async () => {
    const tid = await thread();
    const ref = await create('approver', tid);
    assert.strictEqual(ref.threadId, tid);
    const events = await collectEvents(backend.streamOutput(ref, { signal: never() }));
    assert.strictEqual(events[0].type, 'metadata');
    assert.ok(events.some((e) => e.type === 'custom') && events.every((e) => e.id !== undefined));
    const run = await backend.getRun(ref);
    assert.deepStrictEqual(run.state, { status: 'needs-input', raw: 'interrupted' });
    assert.deepStrictEqual([run.capabilities.resume, run.capabilities.cancel, run.capabilities.delete], [true, true, true]);
    assert.strictEqual((await backend.client.getThread(tid)).status, 'interrupted');
    const interrupt = await backend.getInterrupt(ref);
    assert.strictEqual(interrupt?.type, 'interrupt');
    assert.strictEqual((interrupt?.payload as { question: string }).question, 'Send this email?');

    const fresh = make();
    const fromWait = await fresh.getInterrupt(ref);
    assert.strictEqual((fromWait?.payload as { question: string }).question, 'Send this email?', 'without a stream seen, the thread or /wait tells');

    const next = await backend.resume(ref, { approved: false, comment: 'not now' });
    assert.deepStrictEqual(next, ref);
    const rest = await collectEvents(backend.streamOutput(next, { signal: never() }));
    assert.ok(rest.some((e) => JSON.stringify(e.data).includes('discarded')));
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', `^/runs/${ref.runId}/stream$`), 1);
    assert.deepStrictEqual((await backend.getRun(ref)).state, { status: 'succeeded', raw: 'success' });
    assert.strictEqual(await backend.getInterrupt(ref), undefined);
    await rejects(backend.resume(ref, { approved: true }), 'rejected', /the agent rejected the resume value \(409\): .*not interrupted/);
  });

  it('keeps a 422 on resume as a clear rejected error, and resumes with update-and-wait', async () => {
    const ref = await create('approver');
    await backend.waitForRun(ref);
    sb.faults.add('agentProtocol', { match: { method: 'POST', path: '/stream$' }, fault: { status: 422, body: JSON.stringify({ code: 'validation_error', message: 'resume must be {approved: boolean}' }), contentType: 'application/json' } });
    const e = await rejects(backend.resume(ref, 'maybe'), 'rejected', /the agent rejected the resume value \(422\): resume must be \{approved: boolean\} \(validation_error\)/);
    assert.strictEqual((e as unknown as { details: { status: number } }).details.status, 422);
    assert.strictEqual(backend.dialect.supports('runs.updateStream'), undefined, 'a 422 says nothing about the route');
    const waited = await backend.client.updateAndWaitRun(ref.runId, { command: { resume: { approved: true } } });
    assert.strictEqual(waited.run?.status, 'success');
    assert.strictEqual((waited.values as { result?: string }).result, 'sent');
  });

  it('creates-and-streams and creates-and-waits, and waits for a background run', async () => {
    const events = [];
    for await (const e of eachEvent(backend.client.createAndStreamRun({ agent_id: 'research-assistant', input: { topic: 's' }, stream_mode: 'custom' }))) events.push(e);
    assert.strictEqual(events[0].event, 'metadata');
    assert.ok(events.slice(1).every((e) => e.event === 'custom'));
    const waited = await backend.client.createAndWaitRun({ agent_id: 'research-assistant', input: { topic: 'w' } });
    assert.strictEqual(waited.run?.status, 'success');
    assert.ok(Array.isArray(waited.messages));
    const ref = await create('research-assistant');
    const done = await backend.waitForRun(ref);
    assert.deepStrictEqual(done.state, { status: 'succeeded', raw: 'success' });
    assert.strictEqual((await backend.client.waitRun(ref.runId)).run?.run_id, ref.runId);
    const replay = await collectEvents(backend.streamOutput(ref, { signal: never() }));
    assert.ok(replay.length > 3 && replay[0].type === 'metadata', 'a finished run replays from the first event');
  });

  it('cancels (interrupt, rollback) and deletes, refusing to delete a pending run', async () => {
    const ref = await create('research-assistant');
    const running = await backend.getRun(ref);
    assert.deepStrictEqual([running.capabilities.cancel, running.capabilities.delete, running.capabilities.wait], [true, false, true]);
    await rejects(backend.perform(ref, 'delete'), 'rejected', /409 Conflict — .*cancel it before deleting/);
    await backend.perform(ref, 'cancel');
    const after = await backend.getRun(ref);
    assert.strictEqual(after.state.status, 'failed');
    await backend.perform(ref, 'delete');
    await rejects(backend.getRun(ref), 'not-found', /404 Not Found — Run .* not found \(not_found\)/);

    const other = await create('research-assistant');
    await backend.perform(other, 'cancel', { cancelMode: 'rollback' });
    await rejects(backend.getRun(other), 'not-found');
    const waited = await create('research-assistant');
    await backend.client.cancelRun(waited.runId, { wait: true, action: 'interrupt' });
    assert.ok(sb.requests.list('agentProtocol').some((r) => r.path.endsWith('/cancel') && r.query['wait'] === 'true'));
    await rejects(backend.perform(waited, 'archive'), 'unsupported', /cannot be archived/);
  });

  it('falls back from POST /runs/search to GET /threads/{t}/runs and reports what the server lacks', async () => {
    sb.faults.add('agentProtocol', { match: { method: 'POST', path: '^/runs/search$' }, count: 100, fault: { status: 404 } });
    const root = await backend.listChildren(undefined, { pageSize: 3 });
    assert.ok(root.items.every((n) => n.type === 'thread'), 'no All Runs once run search is known missing');
    assert.strictEqual(backend.dialect.supports('runs.search'), false);
    const node = root.items[0];
    const runs = await backend.listChildren(node, { pageSize: 50 });
    assert.ok(runs.items.length > 0 && runs.items.every((n) => n.run?.threadId === node.scope?.['threadId']));
    const allRuns: BackendNode = { type: 'group', key: 'group:all-runs', label: 'All Runs', expandable: true };
    const before = sb.requests.count('agentProtocol', 'POST', '^/runs/search$');
    await rejects(backend.listChildren(allRuns, { pageSize: 5 }), 'unsupported', /this server has no run search endpoint \(POST \/runs\/search\)/);
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs/search$'), before, 'remembered: not asked again');

    // The other way round: a server without GET /threads/{t}/runs (main after 2025-04).
    sb.faults.clear();
    const b2 = make();
    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '^/threads/[^/]+/runs$' }, count: 100, fault: { status: 404 } });
    const again = await b2.listChildren(node, { pageSize: 50 });
    assert.deepStrictEqual(again.items.map((n) => n.run?.runId), runs.items.map((n) => n.run?.runId));
    assert.strictEqual(b2.dialect.supports('threads.runs'), false);
    assert.strictEqual(b2.dialect.supports('runs.search'), true);
    const gets = sb.requests.count('agentProtocol', 'GET', '^/threads/[^/]+/runs$');
    await b2.listChildren(node, { pageSize: 50 });
    assert.strictEqual(sb.requests.count('agentProtocol', 'GET', '^/threads/[^/]+/runs$'), gets);

    // 405 needs no probe; a thread search that is missing leaves the runs flat.
    sb.faults.clear();
    const b3 = make();
    sb.faults.add('agentProtocol', { match: { method: 'POST', path: '^/threads/search$' }, count: 100, fault: { status: 405 } });
    const flat = await b3.listChildren(undefined, { pageSize: 4 });
    assert.ok(flat.items.every((n) => n.type === 'run'));
    assert.strictEqual(b3.dialect.supports('threads.search'), false);
  });

  it('tells a missing route from a missing run: wait polls, cancel and resume say what is missing', async () => {
    const ref = await create('research-assistant');
    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '/wait$' }, count: 100, fault: { status: 404 } });
    const done = await backend.waitForRun(ref);
    assert.strictEqual(done.state.raw, 'success');
    assert.strictEqual(backend.dialect.supports('runs.wait'), false);
    assert.match(backend.dialect.unsupported('runs.wait').message, /this server has no wait endpoint \(GET \/runs\/\{run_id\}\/wait\)/);

    const ghost = { backendId: 'ap', runId: '00000000-0000-4000-8000-000000000000' };
    const b2 = make();
    await rejects(b2.waitForRun(ghost), 'not-found');
    assert.strictEqual(b2.dialect.supports('runs.wait'), undefined, 'a 404 for a missing run is not a missing route');

    const live = await create('research-assistant');
    sb.faults.add('agentProtocol', { match: { method: 'POST', path: '/cancel$' }, count: 100, fault: { status: 404 } });
    await rejects(backend.perform(live, 'cancel'), 'unsupported', /this server has no cancel endpoint/);
    assert.strictEqual((await backend.getRun(live)).capabilities.cancel, false);

    const asks = await create('approver');
    await backend.waitForRun(asks);
    sb.faults.add('agentProtocol', { match: { method: 'POST', path: '^/runs/[^/]+/(stream|wait)$' }, count: 100, fault: { status: 405 } });
    await rejects(backend.resume(asks, { approved: true }), 'unsupported', /this server has no resume endpoint/);
    assert.strictEqual((await backend.getRun(asks)).capabilities.resume, false);
  });

  it('reconnects a dropped stream with Last-Event-ID, reports malformed data, polls without a stream route, stops on abort', async () => {
    const ref = await create('research-assistant');
    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '/stream$' }, fault: { dropStreamAfterEvents: 3 } });
    const events = await collectEvents(backend.streamOutput(ref, { signal: never() }));
    const ids = events.map((e) => Number(e.id));
    assert.deepStrictEqual(ids, ids.map((_, i) => i), 'every event once, in order, after the reconnect');
    const streams = sb.requests.list('agentProtocol').filter((r) => r.path === `/runs/${ref.runId}/stream`);
    assert.strictEqual(streams.length, 2);
    assert.ok(['0', '1', '2'].includes(streams[1].headers['last-event-id']));

    const odd = await create('research-assistant');
    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '/stream$' }, fault: { nonJsonSseData: true } });
    const mixed = await collectEvents(backend.streamOutput(odd, { signal: never() }));
    assert.deepStrictEqual([mixed[0].malformed, mixed[0].data], [true, 'this is not JSON {']);
    assert.ok(mixed.length > 3);

    const b2 = make();
    const quiet = await create('research-assistant');
    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '/stream$' }, count: 100, fault: { status: 405 } });
    const polled = await collectEvents(b2.streamOutput(quiet, { signal: never() }));
    assert.strictEqual(polled[0].type, 'gap');
    assert.match(JSON.stringify(polled[0].data), /no run stream endpoint/);
    assert.deepStrictEqual(polled[polled.length - 1].data, { status: 'success' });

    sb.faults.clear();
    const slow = await create('research-assistant');
    sb.faults.add('agentProtocol', { match: { method: 'GET', path: '/stream$' }, fault: { stallStream: true } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const got = await collectEvents(backend.streamOutput(slow, { signal: controller.signal }));
    assert.strictEqual(got.length, 1);
  });

  it('retries GETs only, and reports 401, 5xx, HTML and validation errors clearly', async () => {
    const ref = await create('research-assistant');
    const path = `^/runs/${ref.runId}$`;
    sb.faults.add('agentProtocol', { match: { method: 'GET', path }, fault: { status: 502 } });
    await backend.getRun(ref);
    assert.strictEqual(sb.requests.count('agentProtocol', 'GET', path), 2);
    const posts = sb.requests.count('agentProtocol', 'POST', '^/runs/wait$');
    sb.faults.add('agentProtocol', { match: { method: 'POST', path: '^/runs/wait$' }, fault: { status: 500 } });
    await rejects(backend.client.createAndWaitRun({ agent_id: 'research-assistant' }), 'server', /500 Internal Server Error/);
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs/wait$') - posts, 1, 'a POST is never sent twice');
    sb.faults.add('agentProtocol', { match: { method: 'GET', path }, fault: { html: true, status: 200 } });
    await rejects(backend.getRun(ref), 'bad-response', /expected JSON but got text\/html/);
    await rejects(backend.createRun({ body: { agent_id: 'nope' } }), 'not-found', /Agent nope not found \(not_found\)/);
    const creates = sb.requests.count('agentProtocol', 'POST', '^/runs$');
    await rejects(backend.createRun({ body: { agent_id: 'approver', stream_mode: 'everything' } }), 'rejected', /^Create Run: "stream_mode" must be one of values, messages, updates, custom/);
    await rejects(backend.createRun({ body: { agent_id: 'approver', on_completion: 'forget' } }), 'rejected', /"on_completion" must be one of delete, keep/);
    await rejects(backend.createRun({ body: { metadata: [] } }), 'rejected', /"metadata" must be an object/);
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs$'), creates, 'bad input never reaches the server');
    await rejects(backend.createRun({ body: { agent_id: 'approver', thread_id: '00000000-0000-4000-8000-000000000001' } }), 'not-found', /Thread .* not found \(set if_not_exists/);
    await rejects(backend.createRun({ body: null }), 'rejected', /JSON object/);
    const locked = await startSandbox({ seed: 4, runs: 2, agentProtocolApiKey: 'k-9' });
    try {
      const anon = new AgentProtocolBackend({ id: 'ap', label: 'AP', kind: 'agent-protocol', baseUrl: locked.urls.agentProtocol }, deps(), FAST);
      await rejects(anon.listChildren(undefined, { pageSize: 5 }), 'auth', /401 Unauthorized/);
      const keyed = new AgentProtocolBackend({ id: 'ap', label: 'AP', kind: 'agent-protocol', baseUrl: locked.urls.agentProtocol }, deps(5000, 'k-9'), FAST);
      assert.ok((await keyed.listChildren(undefined, { pageSize: 5 })).items.length > 0);
    } finally {
      await locked.close();
    }
  });

  it('validated requests of every client method against the Agent Protocol specs (checked after each test)', () => {
    const routes = [
      'POST /runs', 'GET /runs/{run_id}', 'DELETE /runs/{run_id}', 'POST /runs/{run_id}/cancel', 'GET /runs/{run_id}/stream', 'GET /runs/{run_id}/wait',
      'GET /threads/{thread_id}/runs', 'POST /runs/stream', 'POST /runs/wait', 'POST /runs/{run_id}/stream', 'POST /runs/{run_id}/wait',
      'POST /runs/search', 'POST /threads/search', 'GET /threads/{thread_id}', 'POST /agents/search',
    ];
    assert.deepStrictEqual(routes.filter((r) => !validated.has(r)), []);
  });
});
