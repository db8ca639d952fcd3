import * as assert from 'assert';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { call, dataJson, sse } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;

describe('sandbox: agent-protocol', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  let u: string;
  before(async () => {
    sb = await startSandbox({ seed: 9, runs: 30 });
    u = sb.urls.agentProtocol;
  });
  after(() => sb.close());
  const tick = (): void => sb.clock.advance(700);

  it('create-and-stream: metadata first, one event per stream mode, ids, then the end', async () => {
    const s = await sse(`${u}runs/stream`, { body: { agent_id: 'research-assistant', input: { topic: 'x' }, stream_mode: ['values', 'updates', 'messages', 'custom'] }, onEvent: tick });
    assert.strictEqual(s.status, 200);
    assert.strictEqual(s.outcome, 'end');
    assert.strictEqual(s.events[0].event, 'metadata');
    const meta = dataJson(s.events[0]) as Json;
    assert.strictEqual(meta.attempt, 1);
    assert.deepStrictEqual(s.events.map((e) => e.id), s.events.map((_e, i) => String(i)));
    const kinds = new Set(s.events.map((e) => e.event));
    for (const k of ['values', 'updates', 'messages', 'custom']) assert.ok(kinds.has(k), k);
    const run = (await call(`${u}runs/${String(meta.run_id)}`)).json as Json;
    assert.strictEqual(run.status, 'success');
    assert.deepStrictEqual(run.stream_mode, ['values', 'updates', 'messages', 'custom']);
  });

  it('an approver run interrupts; POST /runs/{id}/stream with command.resume finishes it', async () => {
    const t = (await call(`${u}threads`, { body: {} })).json as Json;
    const tid = String(t.thread_id);
    const created = (await call(`${u}runs`, { body: { agent_id: 'approver', thread_id: tid, input: { topic: 'q3' }, stream_mode: ['updates'] } })).json as Json;
    const id = String(created.run_id);
    assert.strictEqual(created.status, 'pending');
    assert.strictEqual((await call(`${u}runs`, { body: { agent_id: 'approver', thread_id: tid } })).status, 409, 'thread busy');
    const joined = await sse(`${u}runs/${id}/stream`, { headers: { 'last-event-id': '-1' }, onEvent: tick });
    const last = dataJson(joined.events[joined.events.length - 1]) as Json;
    assert.ok(Array.isArray(last.__interrupt__), JSON.stringify(last));
    assert.strictEqual(((await call(`${u}runs/${id}`)).json as Json).status, 'interrupted');
    assert.strictEqual(((await call(`${u}threads/${tid}`)).json as Json).status, 'interrupted');
    sb.clock.advance(120_000);
    assert.strictEqual(((await call(`${u}runs/${id}`)).json as Json).status, 'interrupted', 'waits for the resume');
    assert.strictEqual((await call(`${u}runs/${id}/stream`, { body: {} })).status, 422);
    const resumed = await sse(`${u}runs/${id}/stream`, { body: { command: { resume: { approved: true } } }, onEvent: tick });
    assert.strictEqual(resumed.status, 200);
    assert.strictEqual(resumed.events[0].event, 'metadata');
    assert.strictEqual((dataJson(resumed.events[0]) as Json).attempt, 2);
    assert.ok(Number(resumed.events[0].id) > Number(joined.events[joined.events.length - 1].id), 'ids keep counting');
    assert.strictEqual(((await call(`${u}runs/${id}`)).json as Json).status, 'success');
    assert.strictEqual((await call(`${u}runs/${id}/stream`, { body: { command: { resume: true } } })).status, 409);
    const threadRuns = (await call(`${u}threads/${tid}/runs?limit=10&offset=0`)).json as Json[];
    assert.deepStrictEqual(threadRuns.map((r) => r.run_id), [id]);
    const searched = (await call(`${u}runs/search`, { body: { thread_id: tid } })).json as Json[];
    assert.deepStrictEqual(searched.map((r) => r.run_id), [id]);
  });

  it('waits (GET and POST /wait), resumes with POST /runs/{id}/wait, and joins with Last-Event-ID replay', async () => {
    const created = (await call(`${u}runs`, { body: { agent_id: 'approver', stream_mode: 'values' } })).json as Json;
    const id = String(created.run_id);
    const timer = setInterval(tick, 20);
    try {
      const w = (await call(`${u}runs/${id}/wait`)).json as Json;
      assert.strictEqual((w.run as Json).status, 'interrupted');
      assert.ok(Array.isArray((w.values as Json).__interrupt__));
      const r = (await call(`${u}runs/${id}/wait`, { body: { command: { resume: { approved: false } } } })).json as Json;
      assert.strictEqual((r.run as Json).status, 'success');
      assert.strictEqual((r.values as Json).result, 'discarded');
      assert.ok(Array.isArray(r.messages));
      const cw = (await call(`${u}runs/wait`, { body: { agent_id: 'research-assistant', input: { topic: 'y' } } })).json as Json;
      assert.strictEqual((cw.run as Json).status, 'success');
    } finally {
      clearInterval(timer);
    }
    const all = await sse(`${u}runs/${id}/stream`, { headers: { 'last-event-id': '-1' } });
    assert.strictEqual(all.events[0].event, 'metadata');
    const tail = await sse(`${u}runs/${id}/stream`, { headers: { 'last-event-id': '2' } });
    assert.deepStrictEqual(tail.events.map((e) => e.id), all.events.slice(3).map((e) => e.id));
  });

  it('cancels (204), refuses to delete a pending run (409), sends error events on failure', async () => {
    const created = (await call(`${u}runs`, { body: { agent_id: 'research-assistant' } })).json as Json;
    const id = String(created.run_id);
    assert.strictEqual((await call(`${u}runs/${id}`, { method: 'DELETE' })).status, 409);
    assert.strictEqual((await call(`${u}runs/${id}/cancel?wait=true&action=interrupt`, { method: 'POST' })).status, 204);
    assert.strictEqual(((await call(`${u}runs/${id}`)).json as Json).status, 'error');
    assert.strictEqual((await call(`${u}runs/${id}/cancel`, { method: 'POST' })).status, 409);
    assert.strictEqual((await call(`${u}runs/${id}`, { method: 'DELETE' })).status, 204);
    assert.strictEqual((await call(`${u}runs/${id}`)).status, 404);
    const rb = (await call(`${u}runs`, { body: { agent_id: 'research-assistant' } })).json as Json;
    assert.strictEqual((await call(`${u}runs/${String(rb.run_id)}/cancel?action=rollback`, { method: 'POST' })).status, 204);
    assert.strictEqual((await call(`${u}runs/${String(rb.run_id)}`)).status, 404, 'rollback deletes');
    let sawError = false;
    for (let i = 0; i < 12 && !sawError; i++) {
      const s = await sse(`${u}runs/stream`, { body: { agent_id: 'flaky-tool', input: { topic: `t${i}` } }, onEvent: tick });
      sawError = s.events.some((e) => e.event === 'error' && typeof (dataJson(e) as Json).message === 'string');
    }
    assert.ok(sawError, 'a flaky-tool run fails with an error event');
    const e = await call(`${u}runs/not-a-uuid`);
    assert.strictEqual(e.status, 422);
    assert.deepStrictEqual(Object.keys(e.json as Json).sort(), ['code', 'message']);
  });

  it('cancels a create-and-stream run when the client leaves (on_disconnect=cancel) and records the disconnect', async () => {
    const before = sb.requests.disconnects('agentProtocol');
    const s = await sse(`${u}runs/stream`, { body: { agent_id: 'research-assistant', stream_mode: 'updates' }, until: (evs) => evs.length >= 1 });
    assert.strictEqual(s.outcome, 'stopped');
    const runId = String((dataJson(s.events[0]) as Json).run_id);
    for (let i = 0; i < 50 && ((await call(`${u}runs/${runId}`)).json as Json).status === 'pending'; i++) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(((await call(`${u}runs/${runId}`)).json as Json).status, 'error');
    assert.ok(sb.requests.disconnects('agentProtocol') > before);
  });

  it('lists seeded threads and runs (interrupted ones included) via search and thread runs', async () => {
    const runs = (await call(`${u}runs/search`, { body: { limit: 100 } })).json as Json[];
    assert.ok(runs.length >= 30);
    assert.ok(runs.some((r) => r.status === 'interrupted') && runs.some((r) => r.status === 'success'));
    const threads = (await call(`${u}threads/search`, { body: { limit: 100 } })).json as Json[];
    const withRuns = runs.find((r) => r.thread_id) as Json;
    const tr = (await call(`${u}threads/${String(withRuns.thread_id)}/runs`)).json as Json[];
    assert.ok(tr.some((r) => r.run_id === withRuns.run_id));
    assert.ok(threads.length > 0);
    assert.strictEqual((await call(`${u}threads/00000000-0000-4000-8000-000000000000/runs`)).status, 404);
    const agents = (await call(`${u}agents/search`, { body: {} })).json as Json[];
    assert.deepStrictEqual(agents.map((a) => a.agent_id), ['research-assistant', 'approver', 'flaky-tool']);
  });
});
