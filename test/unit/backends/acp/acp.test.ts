import * as assert from 'assert';
import { isBackendError, NULL_LOGGER, type BackendDeps, type BackendNode, type OutputEvent, type RunRef } from '../../../../src/core';
import { AcpBackend, createBackend } from '../../../../src/backends/acp';
import { ACP_AGENTS, startSandbox, type Sandbox } from '../../../../src/sandbox';
import { RecordingHttp, validateRequests } from '../recordingHttp';
import { collectEvents, eachEvent } from '../../../support/events';

const RESEARCH = ACP_AGENTS[0].id;
const APPROVER = ACP_AGENTS[1].id;
const FLAKY = ACP_AGENTS[2].id;
const deps = (timeoutMs = 5000, key?: string): BackendDeps => ({ credentials: { get: async () => key }, log: NULL_LOGGER, timeoutMs });
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

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

describe('acp backend against the sandbox', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let backend: AcpBackend;
  let recorder: RecordingHttp;
  const validated = new Set<string>();

  before(async () => {
    sb = await startSandbox({ seed: 1, runs: 60, speed: 20 });
    backend = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: sb.urls.acp }, deps(), FAST, (o) => (recorder = new RecordingHttp(o)));
  });
  after(async () => {
    backend?.dispose();
    await sb?.close();
  });
  afterEach(() => {
    sb.faults.clear();
    // Every request the client sent in the test must match the ACP v0.1 spec.
    const sent = recorder.requests.splice(0);
    for (const route of validateRequests(sent, ['acp/openapi.v0.1.acp-spec-ae7a9bd.yaml'])) validated.add(route);
  });

  const create = (agentId: string, streaming: 'result' | 'custom' | 'none' = 'custom', topic = 'tests'): Promise<RunRef> =>
    backend.createRun({ body: { agent_id: agentId, input: { topic }, ...(streaming !== 'none' ? { streaming } : {}) } });

  it('is made by the registry factory and tests the connection', async () => {
    const b = createBackend({ id: 'x', label: 'X', kind: 'acp', baseUrl: sb.urls.acp }, deps());
    assert.ok(b instanceof AcpBackend);
    assert.match((await b.testConnection()).summary, /^ACP at http:\/\/127\.0\.0\.1:\d+: 3 agents$/);
  });

  it('searches agents, gets one and its descriptor', async () => {
    const agents = await backend.client.searchAgents({ limit: 2 });
    assert.deepStrictEqual(agents.map((a) => a.metadata.ref.name), ['research-assistant', 'echo-approver']);
    assert.strictEqual((await backend.client.searchAgents({ limit: 2, offset: 2 })).length, 1);
    assert.deepStrictEqual((await backend.client.searchAgents({ name: 'echo-approver' })).map((a) => a.agent_id), [APPROVER]);
    assert.strictEqual((await backend.client.getAgent(APPROVER)).metadata.ref.version, '0.3.1');
    const d = await backend.client.getAgentDescriptor(APPROVER);
    assert.strictEqual(d.specs.capabilities.interrupts, true);
    assert.strictEqual(d.specs.interrupts?.[0].interrupt_type, 'approval');
  });

  it('shows agents at the root and their runs under them, paged to the last page', async () => {
    const root = await backend.listChildren(undefined, { pageSize: 2 });
    assert.deepStrictEqual(root.items.map((n) => [n.type, n.label]), [['agent', 'research-assistant'], ['agent', 'echo-approver']]);
    assert.strictEqual(root.next, '2');
    const rest = await backend.listChildren(undefined, { pageSize: 2, cursor: root.next });
    assert.deepStrictEqual(rest.items.map((n) => n.label), ['flaky-summarizer']);
    assert.strictEqual(rest.next, undefined);

    const all = await backend.client.searchRuns({ limit: 1000 });
    for (const agent of [...root.items, ...rest.items]) {
      const expected = all.filter((r) => r.agent_id === agent.scope?.['agentId']).length;
      let cursor: string | undefined;
      let seen = 0;
      let pages = 0;
      do {
        const page = await backend.listChildren(agent, { pageSize: 4, cursor });
        assert.ok(page.items.every((n) => n.type === 'run' && n.run?.agentId === agent.scope?.['agentId'] && n.run?.name.startsWith(agent.label)));
        seen += page.items.length;
        cursor = page.next;
        pages++;
      } while (cursor);
      assert.strictEqual(seen, expected, agent.label);
      assert.strictEqual(pages, Math.max(1, Math.ceil(expected / 4)));
    }
    const flat = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: sb.urls.acp, agentId: APPROVER }, deps(), FAST);
    const mine = await flat.listChildren(undefined, { pageSize: 100 });
    assert.ok(mine.items.length > 0 && mine.items.every((n) => n.run?.agentId === APPROVER));
  });

  it('maps every status value it meets, and filters by status and text', async () => {
    const all = await backend.client.searchRuns({ limit: 1000 });
    const expected: Record<string, string> = { pending: 'running', interrupted: 'needs-input', success: 'succeeded', error: 'failed', timeout: 'timed-out' };
    const nodes: BackendNode[] = [];
    for (const agent of ACP_AGENTS) nodes.push(...(await backend.listChildren({ type: 'agent', key: `agent:${agent.id}`, label: agent.name, expandable: true, scope: { agentId: agent.id } }, { pageSize: 1000 })).items);
    assert.strictEqual(nodes.length, all.length);
    for (const n of nodes) assert.strictEqual(n.run?.state.status, expected[n.run?.state.raw ?? ''], n.run?.state.raw);
    assert.ok(new Set(nodes.map((n) => n.run?.state.raw)).size >= 4);

    const agentNode: BackendNode = { type: 'agent', key: 'a', label: 'echo-approver', expandable: true, scope: { agentId: APPROVER } };
    const waiting = await backend.listChildren(agentNode, { pageSize: 100, filter: { statuses: ['needs-input'] } });
    assert.ok(waiting.items.length > 0 && waiting.items.every((n) => n.run?.state.raw === 'interrupted'));
    assert.ok(sb.requests.list('acp').some((r) => r.path === '/runs/search'), 'status filter goes to the server');
    const flakyNode: BackendNode = { type: 'agent', key: 'f', label: 'flaky', expandable: true, scope: { agentId: FLAKY } };
    const bad = await backend.listChildren(flakyNode, { pageSize: 100, filter: { statuses: ['failed', 'timed-out'] } });
    assert.ok(bad.items.every((n) => ['error', 'timeout'].includes(n.run?.state.raw ?? '')));
    const one = nodes[0].run!;
    const byText = await backend.listChildren({ type: 'agent', key: 'x', label: '', expandable: true, scope: { agentId: one.agentId! } }, { pageSize: 1000, filter: { text: one.runId.slice(0, 8).toUpperCase() } });
    assert.deepStrictEqual(byText.items.map((n) => n.run?.runId), [one.runId]);

    sb.faults.add('acp', { match: { method: 'GET', path: '^/runs/[^/]+$' }, fault: { unknownStatus: true } });
    const odd = await backend.getRun(one);
    assert.strictEqual(odd.state.status, 'unknown');
    assert.notStrictEqual(odd.state.raw, '');
  });

  it('creates a run, streams it to the interrupt, shows the question with its resume schema, rejects a bad value, resumes and finishes', async () => {
    const ref = await create(APPROVER);
    const first = await backend.getRun(ref);
    assert.deepStrictEqual(first.state, { status: 'running', raw: 'pending' });
    assert.deepStrictEqual([first.capabilities.cancel, first.capabilities.delete, first.capabilities.wait, first.capabilities.resume], [false, true, true, false]);
    const events = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal }));
    const agentEvents = events.filter((e) => e.type === 'agent_event');
    assert.ok(agentEvents.length >= 3);
    assert.ok(agentEvents.every((e) => e.id !== undefined && (e.data as { type: string }).type === 'custom'));
    const out = events[events.length - 1];
    assert.strictEqual(out.type, 'output');
    assert.strictEqual((out.data as { type: string }).type, 'interrupt');

    const run = await backend.getRun(ref);
    assert.deepStrictEqual(run.state, { status: 'needs-input', raw: 'interrupted' });
    assert.strictEqual(run.capabilities.resume, true);
    const interrupt = await backend.getInterrupt(ref);
    assert.strictEqual(interrupt?.type, 'approval');
    assert.strictEqual((interrupt?.payload as { question: string }).question, 'Send this email?');
    assert.deepStrictEqual((interrupt?.resumeSchema as { required: string[] }).required, ['approved']);

    const e = await rejects(backend.resume(ref, { approved: 'yes' }), 'rejected', /the agent rejected the resume value \(422\): .*approved must be boolean/);
    assert.strictEqual((e as unknown as { details: { status: number } }).details.status, 422);
    const next = await backend.resume(ref, { approved: true, comment: 'ship it' });
    assert.strictEqual(next.runId, ref.runId, 'ACP resumes the same run');
    const resumed = await collectEvents(backend.streamOutput(next, { signal: new AbortController().signal, lastEventId: agentEvents[agentEvents.length - 1].id }));
    const result = resumed.find((x) => x.type === 'output')?.data as { type: string; result: { result: string; comment: string } };
    assert.strictEqual(result.type, 'result');
    assert.deepStrictEqual([result.result.result, result.result.comment], ['sent', 'ship it']);
    assert.ok(resumed.every((x) => x.type !== 'agent_event' || Number(x.id) > Number(agentEvents[agentEvents.length - 1].id)));
    assert.deepStrictEqual((await backend.getRun(ref)).state, { status: 'succeeded', raw: 'success' });
    assert.strictEqual(await backend.getInterrupt(ref), undefined);
    await rejects(backend.resume(ref, { approved: true }), 'rejected', /not interrupted/);
  });

  it('waits with block_timeout, streams a result-mode run, and long-polls a run without streaming', async () => {
    const ref = await create(RESEARCH, 'result');
    assert.strictEqual(await backend.client.getRunOutput(ref.runId), undefined, '204 while pending');
    const done = await backend.waitForRun(ref);
    assert.strictEqual(done.state.raw, 'success');
    assert.ok(sb.requests.list('acp').some((r) => r.path.endsWith('/output') && r.query['block_timeout'] === '5'));
    const out = await backend.client.getRunOutput(ref.runId, 1);
    assert.strictEqual(out?.type, 'result');
    const replay = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal }));
    assert.deepStrictEqual(replay.map((x) => x.type), ['output'], 'a finished run shows its output');

    const live = await create(RESEARCH, 'result');
    const events = await collectEvents(backend.streamOutput(live, { signal: new AbortController().signal }));
    assert.ok(events.filter((x) => x.type === 'agent_event').every((x) => (x.data as { type: string }).type === 'result'));
    assert.strictEqual(events[events.length - 1].type, 'output');

    const quiet = await create(RESEARCH, 'none');
    const polled = await collectEvents(backend.streamOutput(quiet, { signal: new AbortController().signal }));
    assert.deepStrictEqual(polled.map((x) => x.type), ['output']);
    assert.strictEqual((polled[0].data as { type: string }).type, 'result');
  });

  it('reconnects a dropped or truncated stream with Last-Event-ID (no gap) and reports malformed data', async () => {
    const ref = await create(RESEARCH);
    sb.faults.add('acp', { match: { method: 'GET', path: '/stream$' }, fault: { dropStreamAfterEvents: 2 } });
    const events = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal }));
    const ids = events.filter((e) => e.type === 'agent_event').map((e) => e.id);
    assert.deepStrictEqual(ids, [...new Set(ids)], 'no event twice');
    assert.ok(!events.some((e) => e.type === 'gap'));
    const streams = sb.requests.list('acp').filter((r) => r.path === `/runs/${ref.runId}/stream`);
    assert.strictEqual(streams.length, 2);
    assert.strictEqual(streams[0].headers['last-event-id'], '-1', 'the first connection asks for the whole run');
    assert.ok(ids.slice(0, 2).includes(streams[1].headers['last-event-id']), 'the reconnect resumes after the last event received');
    const whole: string[] = [];
    for await (const e of eachEvent(backend.client.streamRun(ref.runId, { lastEventId: '-1' }))) whole.push(e.id ?? '');
    assert.deepStrictEqual(ids, whole, 'every event exactly once, in order');

    const cut = await create(RESEARCH);
    sb.faults.add('acp', { match: { method: 'GET', path: '/stream$' }, fault: { truncateStreamMidEvent: true, dropStreamAfterEvents: 1 } });
    const after = await collectEvents(backend.streamOutput(cut, { signal: new AbortController().signal }));
    const cutIds = after.filter((e) => e.type === 'agent_event').map((e) => Number(e.id));
    assert.deepStrictEqual(cutIds, [...cutIds].sort((a, b) => a - b));
    assert.ok(cutIds.length >= 4, 'the truncated event is delivered after the reconnect');

    const odd = await create(RESEARCH);
    sb.faults.add('acp', { match: { method: 'GET', path: '/stream$' }, fault: { nonJsonSseData: true } });
    const mixed = await collectEvents(backend.streamOutput(odd, { signal: new AbortController().signal }));
    assert.strictEqual(mixed[0].malformed, true);
    assert.strictEqual(mixed[0].data, 'this is not JSON {');
    assert.ok(mixed.slice(1).some((e) => e.type === 'agent_event' && !e.malformed), 'the stream continues');
  });

  it('stops a stream cleanly on abort', async () => {
    const ref = await create(RESEARCH);
    sb.faults.add('acp', { match: { method: 'GET', path: '/stream$' }, fault: { stallStream: true } });
    const controller = new AbortController();
    const got: OutputEvent[] = [];
    setTimeout(() => controller.abort(), 300);
    for await (const e of eachEvent(backend.streamOutput(ref, { signal: controller.signal }))) got.push(e);
    assert.strictEqual(got.length, 1);
  });

  it('deletes a running run (ACP has no cancel) and refuses other actions in words', async () => {
    const ref = await create(RESEARCH);
    await rejects(backend.perform(ref, 'cancel'), 'unsupported', /no cancel: Delete cancels/);
    await rejects(backend.perform(ref, 'retry'), 'unsupported', /cannot be retried/);
    await backend.perform(ref, 'delete');
    await rejects(backend.getRun(ref), 'not-found', /404 Not Found — Run .* not found/);
    const deleted = await backend.client.searchRuns({ limit: 1000 });
    assert.ok(!deleted.some((r) => r.run_id === ref.runId));
    await rejects(backend.getLog(), 'unsupported');
    assert.strictEqual(backend.webUrl(), undefined);
  });

  it('validates Create Run input before any request and prefills a template from the descriptor', async () => {
    const before = sb.requests.count('acp', 'POST', '^/runs$');
    await rejects(backend.createRun({ body: 'x' }), 'rejected', /JSON object/);
    await rejects(backend.createRun({ body: { input: {} } }), 'rejected', /needs "agent_id"/);
    assert.strictEqual(sb.requests.count('acp', 'POST', '^/runs$'), before);
    await rejects(backend.createRun({ body: { agent_id: RESEARCH, input: { topic: '' } } }), 'rejected', /422 .*topic/);
    await rejects(backend.createRun({ body: { agent_id: '00000000-0000-4000-8000-000000000000' } }), 'not-found', /Agent .* not found/);
    const t = (await backend.createRunTemplate()) as Record<string, unknown>;
    assert.deepStrictEqual(t, { agent_id: RESEARCH, input: { topic: '' }, config: { model: 'gpt-4o-mini', temperature: 0 }, streaming: 'custom' });
  });

  it('turns each error shape into a clear BackendError, retrying GETs only', async () => {
    const ref = await create(RESEARCH);
    const path = `^/runs/${ref.runId}$`;
    sb.faults.add('acp', { match: { method: 'GET', path }, fault: { status: 503 } });
    sb.requests.clear('acp');
    assert.strictEqual((await backend.getRun(ref)).runId, ref.runId);
    assert.strictEqual(sb.requests.count('acp', 'GET', path), 2, 'a GET is retried after 503');

    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs$' }, fault: { status: 503 } });
    await rejects(create(RESEARCH), 'server', /503/);
    assert.strictEqual(sb.requests.count('acp', 'POST', '^/runs$'), 1, 'a POST is never sent twice');

    sb.faults.add('acp', { match: { method: 'GET', path }, fault: { status: 429, headers: { 'retry-after': '0' } } });
    await backend.getRun(ref);
    sb.faults.add('acp', { match: { method: 'GET', path }, count: 5, fault: { status: 429, headers: { 'retry-after': '120' } } });
    const limited = await rejects(backend.getRun(ref), 'rate-limited');
    assert.strictEqual((limited as unknown as { details: { retryAfterMs: number } }).details.retryAfterMs, 120_000);
    sb.faults.clear('acp');

    sb.faults.add('acp', { match: { method: 'GET', path }, fault: { html: true, status: 200 } });
    await rejects(backend.getRun(ref), 'bad-response', /expected JSON but got text\/html/);
    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs/search$' }, fault: { malformedJson: true } });
    await rejects(backend.listChildren({ type: 'agent', key: 'a', label: '', expandable: true, scope: { agentId: RESEARCH } }, { pageSize: 5 }), 'bad-response', /not valid JSON|expected JSON/);

    const slow = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: sb.urls.acp }, deps(300), { retry: { attempts: 1 } });
    sb.faults.add('acp', { match: { method: 'GET', path }, fault: { hang: true } });
    await rejects(slow.getRun(ref), 'timeout', /no answer after 300 ms/);
    sb.faults.add('acp', { match: { method: 'DELETE', path }, fault: { delayMs: 1000 } });
    await rejects(slow.perform(ref, 'delete'), 'unknown-outcome', /may or may not have taken effect/);
  });

  it('sends the API key and reports 401 as auth', async () => {
    const locked = await startSandbox({ seed: 2, runs: 3, acpApiKey: 'k-123' });
    try {
      const anon = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: locked.urls.acp }, deps(), FAST);
      await rejects(anon.testConnection(), 'auth', /401 Unauthorized — Unauthorized: a valid x-api-key/);
      const keyed = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: locked.urls.acp }, deps(5000, 'k-123'), FAST);
      assert.match((await keyed.testConnection()).summary, /3 agents/);
      assert.ok(locked.requests.list('acp').some((r) => r.hasAuth && r.status === 200));
    } finally {
      await locked.close();
    }
  });

  it('keeps a base URL path prefix', async () => {
    const prefixed = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: `${sb.urls.acp}nope/` }, deps(), FAST);
    await rejects(prefixed.testConnection(), 'not-found');
    assert.ok(sb.requests.list('acp').some((r) => r.path === '/nope/agents/search'));
  });

  it('validated requests of every client method against the ACP v0.1 spec (checked after each test)', () => {
    const routes = ['POST /agents/search', 'GET /agents/{agent_id}', 'GET /agents/{agent_id}/descriptor', 'POST /runs', 'GET /runs/{run_id}', 'DELETE /runs/{run_id}', 'POST /runs/{run_id}', 'GET /runs/{run_id}/output', 'GET /runs/{run_id}/stream', 'POST /runs/search'];
    assert.deepStrictEqual(routes.filter((r) => !validated.has(r)), []);
  });
});
