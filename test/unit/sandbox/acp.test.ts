import * as assert from 'assert';
import { ACP_AGENTS, startSandbox, type Sandbox } from '../../../src/sandbox';
import { call, dataJson, sse } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;
const approver = ACP_AGENTS.find((a) => a.name === 'echo-approver')?.id as string;
const research = ACP_AGENTS.find((a) => a.name === 'research-assistant')?.id as string;

describe('sandbox: acp', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  let u: string;
  before(async () => {
    sb = await startSandbox({ seed: 5, runs: 30 });
    u = sb.urls.acp;
  });
  after(() => sb.close());

  it('serves agents and descriptors with interrupt and resume schemas', async () => {
    const found = (await call(`${u}agents/search`, { body: { name: 'echo-approver' } })).json as Json[];
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].agent_id, approver);
    const d = (await call(`${u}agents/${approver}/descriptor`)).json as Json;
    const specs = d.specs as Json;
    assert.strictEqual((specs.capabilities as Json).interrupts, true);
    const intr = (specs.interrupts as Json[])[0];
    assert.strictEqual(intr.interrupt_type, 'approval');
    assert.deepStrictEqual((intr.resume_payload as Json).required, ['approved']);
    assert.strictEqual((await call(`${u}agents/not-a-uuid`)).status, 422);
    assert.strictEqual((await call(`${u}agents/00000000-0000-4000-8000-000000000000`)).status, 404);
  });

  it('searches runs newest first, filtered by agent and status, with seeded interrupted runs', async () => {
    const all = (await call(`${u}runs/search`, { body: { limit: 100 } })).json as Json[];
    assert.strictEqual(all.length, 30);
    const times = all.map((r) => Date.parse(String(r.created_at)));
    assert.deepStrictEqual(times, [...times].sort((a, b) => b - a));
    const interrupted = (await call(`${u}runs/search`, { body: { status: 'interrupted', limit: 100 } })).json as Json[];
    assert.ok(interrupted.length > 0 && interrupted.every((r) => r.status === 'interrupted' && r.agent_id === approver));
    const page = (await call(`${u}runs/search`, { body: { limit: 5, offset: 5 } })).json as Json[];
    assert.deepStrictEqual(page.map((r) => r.run_id), all.slice(5, 10).map((r) => r.run_id));
    assert.strictEqual((await call(`${u}runs/search`, { body: { limit: 0 } })).status, 422);
    const err = await call(`${u}runs/search`, { body: { status: 'weird' } });
    assert.strictEqual(err.status, 422);
    assert.strictEqual(typeof err.json, 'string', 'ACP errors are plain JSON strings');
  });

  it('streams agent_event with ids, stops at an interrupt until resumed (422 on a bad body, 409 when not interrupted)', async () => {
    const created = await call(`${u}runs`, { body: { agent_id: approver, input: { topic: 'launch' }, streaming: 'result' } });
    assert.strictEqual(created.status, 200, created.text);
    const run = created.json as Json;
    assert.strictEqual(run.status, 'pending');
    const id = String(run.run_id);
    assert.strictEqual((await call(`${u}runs/${id}/output`)).status, 204);
    const s = await sse(`${u}runs/${id}/stream`, { onEvent: () => sb.clock.advance(400) });
    assert.strictEqual(s.status, 200);
    assert.match(String(s.contentType), /text\/event-stream/);
    assert.strictEqual(s.outcome, 'end');
    assert.ok(s.events.length >= 3, `events: ${s.events.length}`);
    assert.ok(s.events.every((e) => e.event === 'agent_event' && e.id !== undefined));
    const last = dataJson(s.events[s.events.length - 1]) as Json;
    assert.strictEqual(last.type, 'result');
    assert.strictEqual(last.status, 'interrupted');
    const out = (await call(`${u}runs/${id}/output`)).json as Json;
    assert.strictEqual(out.type, 'interrupt');
    assert.strictEqual((out.interrupt as Json).interrupt_type, 'approval');
    sb.clock.advance(60_000);
    assert.strictEqual(((await call(`${u}runs/${id}`)).json as Json).status, 'interrupted', 'stays interrupted');
    const bad = await call(`${u}runs/${id}`, { body: { approved: 'yes' } });
    assert.strictEqual(bad.status, 422);
    assert.match(String(bad.json), /approved/);
    assert.strictEqual((await call(`${u}runs/${id}`, { body: { approved: true, extra: 1 } })).status, 422);
    const resumed = await call(`${u}runs/${id}`, { body: { approved: true, comment: 'ship it' } });
    assert.strictEqual(resumed.status, 200);
    assert.strictEqual((resumed.json as Json).status, 'pending');
    assert.strictEqual((await call(`${u}runs/${id}`, { body: { approved: true } })).status, 409);
    const waited = call(`${u}runs/${id}/output?block_timeout=5`);
    setTimeout(() => sb.clock.advance(5_000), 50);
    const final = (await waited).json as Json;
    assert.strictEqual(final.type, 'result');
    assert.strictEqual(final.status, 'success');
    assert.strictEqual((final.result as Json).result, 'sent');
    assert.strictEqual((await call(`${u}runs/${id}/stream`)).status, 204, 'nothing left to stream');
  });

  it('streams custom updates, replays after Last-Event-ID, validates input, deletes (cancels)', async () => {
    const run = (await call(`${u}runs`, { body: { agent_id: research, input: { topic: 'x' }, streaming: 'custom' } })).json as Json;
    const id = String(run.run_id);
    const s = await sse(`${u}runs/${id}/stream`, { onEvent: () => sb.clock.advance(1_500) });
    const data = s.events.map((e) => dataJson(e) as Json);
    assert.ok(data.every((d) => d.type === 'custom' && d.run_id === id && typeof d.update === 'object'));
    assert.strictEqual(data[data.length - 1].status, 'success');
    const replay = await sse(`${u}runs/${id}/stream`, { headers: { 'last-event-id': String(s.events[0].id) } });
    assert.deepStrictEqual(replay.events.map((e) => e.id), s.events.slice(1).map((e) => e.id));
    assert.strictEqual((await call(`${u}runs`, { body: { agent_id: research, input: { topic: 5 } } })).status, 422);
    assert.strictEqual((await call(`${u}runs`, { body: { input: {} } })).status, 422);
    assert.strictEqual((await call(`${u}runs`, { body: { agent_id: '00000000-0000-4000-8000-000000000000' } })).status, 404);
    assert.strictEqual((await call(`${u}runs`, { body: { agent_id: research, streaming: 'values' } })).status, 422);
    const noStream = (await call(`${u}runs`, { body: { agent_id: research } })).json as Json;
    assert.strictEqual((await call(`${u}runs/${String(noStream.run_id)}/stream`)).status, 204, 'no streaming mode chosen');
    const del = await call(`${u}runs/${String(noStream.run_id)}`, { method: 'DELETE' });
    assert.strictEqual(del.status, 200);
    assert.strictEqual((del.json as Json).run_id, noStream.run_id);
    assert.strictEqual((await call(`${u}runs/${String(noStream.run_id)}`)).status, 404);
  });
});
