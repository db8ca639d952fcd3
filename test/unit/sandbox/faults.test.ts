import * as assert from 'assert';
import { startSandbox, UNKNOWN_STATUS, type Sandbox } from '../../../src/sandbox';
import { call, sse } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;

describe('sandbox: faults, request log, clock, close', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  let kfp: string;
  before(async () => {
    sb = await startSandbox({ runs: 12 });
    kfp = `${sb.urls.kfp}apis/v2beta1/runs`;
  });
  after(() => sb.close());
  afterEach(() => sb.faults.clear());

  it('injects a status for the next N matching requests, in the family error shape', async () => {
    sb.faults.add('kfp', { match: { method: 'GET', path: '/runs$' }, count: 2, fault: { status: 503, headers: { 'retry-after': '1' } } });
    const a = await call(kfp);
    assert.strictEqual(a.status, 503);
    assert.strictEqual(a.headers.get('retry-after'), '1');
    assert.strictEqual((a.json as Json).code, 14);
    assert.strictEqual((await call(kfp)).status, 503);
    assert.strictEqual((await call(kfp)).status, 200);
  });

  it('serves HTML, malformed JSON, delays and hangs', async () => {
    sb.faults.add('kfp', { fault: { html: true } });
    const h = await call(kfp);
    assert.strictEqual(h.status, 502);
    assert.match(String(h.headers.get('content-type')), /text\/html/);
    sb.faults.add('kfp', { fault: { malformedJson: true } });
    const m = await call(kfp);
    assert.strictEqual(m.status, 200);
    assert.strictEqual(m.json, undefined);
    sb.faults.add('kfp', { fault: { delayMs: 300 } });
    const t0 = Date.now();
    assert.strictEqual((await call(kfp)).status, 200);
    assert.ok(Date.now() - t0 >= 280);
    sb.faults.add('kfp', { fault: { hang: true } });
    await assert.rejects(call(kfp, { signal: AbortSignal.timeout(200) }));
  });

  it('reshapes bodies: extra fields, missing fields, unknown statuses, big bodies', async () => {
    sb.faults.add('kfp', { fault: { extraFields: true } });
    const e = (await call(kfp)).json as Json;
    assert.ok('x_sandbox_extra' in ((e.runs as Json[])[0]));
    sb.faults.add('kfp', { fault: { missingFields: true } });
    const mi = (await call(kfp)).json as Json;
    assert.strictEqual((mi.runs as Json[])[0].state, undefined);
    sb.faults.add('kfp', { fault: { unknownStatus: true } });
    const u = (await call(kfp)).json as Json;
    assert.strictEqual((u.runs as Json[])[0].state, UNKNOWN_STATUS);
    sb.faults.add('kfp', { fault: { bigBodyBytes: 2_000_000 } });
    assert.ok((await call(kfp)).text.length > 2_000_000);
  });

  it('cuts, truncates, stalls and garbles streams', async () => {
    const ap = sb.urls.agentProtocol;
    const body = { agent_id: 'research-assistant', stream_mode: ['values', 'updates'] };
    const tick = (): void => sb.clock.advance(700);
    sb.faults.add('agentProtocol', { fault: { dropStreamAfterEvents: 2 } });
    const d = await sse(`${ap}runs/stream`, { body, onEvent: tick });
    assert.strictEqual(d.events.length, 2);
    assert.notStrictEqual(d.outcome, 'stopped');
    sb.faults.add('agentProtocol', { fault: { truncateStreamMidEvent: true } });
    const t = await sse(`${ap}runs/stream`, { body, onEvent: tick });
    assert.strictEqual(t.events.length, 1);
    assert.ok(!t.raw.endsWith('\n\n'), 'ends mid-event');
    sb.faults.add('agentProtocol', { fault: { nonJsonSseData: true } });
    const n = await sse(`${ap}runs/stream`, { body, onEvent: tick });
    assert.strictEqual(n.events[0].data, 'this is not JSON {');
    sb.faults.add('agentProtocol', { fault: { stallStream: true } });
    const s = await sse(`${ap}runs/stream`, { body, onEvent: tick, timeoutMs: 500 });
    assert.strictEqual(s.events.length, 1);
    assert.strictEqual(s.outcome, 'stopped');
  });

  it('accepts the x-sandbox-fault header for one request', async () => {
    const r = await call(kfp, { headers: { 'x-sandbox-fault': JSON.stringify({ status: 429 }) } });
    assert.strictEqual(r.status, 429);
    assert.strictEqual((await call(kfp)).status, 200);
  });

  it('is driven over HTTP: /__sandbox/faults, /requests, /clock, /info', async () => {
    const base = `${sb.urls.ica}__sandbox/`;
    const add = await call(`${base}faults`, { body: { match: { path: '^/v1/tasks/runs$' }, fault: { status: 500 } } });
    assert.strictEqual(add.status, 201);
    assert.strictEqual(((await call(`${base}faults`)).json as Json[]).length, 1);
    assert.strictEqual((await call(`${base}faults`, { body: { fault: {}, match: { path: '(' } } })).status, 400);
    const tok = (await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': sb.icaApiKey } })).json as Json;
    const r = await call(`${sb.urls.ica}v1/tasks/runs?pageSize=5`, { headers: { authorization: `Bearer ${String(tok.access_token)}` } });
    assert.strictEqual(r.status, 500);
    assert.strictEqual(typeof (r.json as Json).code, 'string');
    const log = (await call(`${base}requests`)).json as Json[];
    const entry = log.find((e) => e.path === '/v1/tasks/runs') as Json;
    assert.strictEqual(entry.hasAuth, true);
    assert.strictEqual((entry.headers as Json).authorization, '[redacted]');
    assert.deepStrictEqual(entry.query, { pageSize: '5' });
    assert.strictEqual(entry.status, 500);
    assert.ok(!log.some((e) => String(e.path).startsWith('/__sandbox')), 'control calls are not logged');
    assert.strictEqual((await call(`${base}requests`, { method: 'DELETE' })).status, 204);
    assert.strictEqual(sb.requests.count('ica'), 0);
    await call(`${base}faults`, { body: { fault: { status: 418 } } });
    assert.strictEqual((await call(`${base}faults`, { method: 'DELETE' })).status, 204);
    assert.strictEqual(sb.faults.list('ica').length, 0);
    const t0 = sb.clock.now();
    const c = (await call(`${base}clock`, { body: { advanceMs: 60_000 } })).json as Json;
    assert.ok(Number(c.now) >= t0 + 60_000);
    assert.strictEqual(((await call(`${base}info`)).json as Json).kind, 'ica');
  });

  it('counts requests by method and path', async () => {
    sb.requests.clear();
    await call(kfp);
    await call(`${kfp}?page_size=1`);
    assert.strictEqual(sb.requests.count('kfp', 'GET', '/runs$'), 2);
    assert.strictEqual(sb.requests.count('kfp', 'POST'), 0);
  });

  it('close() ends open streams and hanging requests promptly', async () => {
    const other = await startSandbox({ runs: 2 });
    other.faults.add('kfp', { fault: { hang: true } });
    const hanging = call(`${other.urls.kfp}apis/v2beta1/runs`).then(() => 'answered', () => 'cut');
    const stream = sse(`${other.urls.agentProtocol}runs/stream`, { body: { agent_id: 'research-assistant' }, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 150));
    const t0 = Date.now();
    await other.close();
    assert.ok(Date.now() - t0 < 1_000, 'close is quick');
    const s = await stream;
    assert.notStrictEqual(s.outcome, 'stopped', 'the server ended it, not the client timeout');
    assert.strictEqual(await hanging, 'cut');
  });
});
