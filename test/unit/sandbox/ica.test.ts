import * as assert from 'assert';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { call } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;

describe('sandbox: ica', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  let auth: Record<string, string>;
  before(async () => {
    sb = await startSandbox({ seed: 3, runs: 25, icaTokenTtlSeconds: 600 });
    const t = await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': sb.icaApiKey } });
    assert.strictEqual(t.status, 201);
    assert.strictEqual((t.json as Json).token_type, 'Bearer');
    auth = { authorization: `Bearer ${String((t.json as Json).access_token)}` };
  });
  after(() => sb.close());
  const get = (p: string): Promise<{ status: number; json: unknown }> => call(`${sb.urls.ica}${p}`, { headers: auth });

  it('exchanges the API key for a JWT and answers 401 without a valid one', async () => {
    assert.strictEqual((await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': 'wrong' } })).status, 401);
    assert.strictEqual((await call(`${sb.urls.ica}v1/tokens`, { method: 'POST' })).status, 401);
    const none = await call(`${sb.urls.ica}v1/tasks/runs`);
    assert.strictEqual(none.status, 401);
    assert.deepStrictEqual(Object.keys(none.json as Json).sort(), ['code', 'details', 'message']);
    assert.strictEqual((await call(`${sb.urls.ica}v1/tasks/runs`, { headers: { authorization: 'Bearer a.b.c' } })).status, 401);
    assert.strictEqual((await get('v1/tasks/runs')).status, 200);
  });

  it('expires tokens on the simulated clock', async () => {
    const t = (await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': sb.icaApiKey } })).json as Json;
    const h = { authorization: `Bearer ${String(t.access_token)}` };
    sb.clock.advance(601_000);
    const r = await call(`${sb.urls.ica}v1/tasks/runs`, { headers: h });
    assert.strictEqual(r.status, 401);
    assert.match(String((r.json as Json).message), /expired/);
    const fresh = (await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': sb.icaApiKey } })).json as Json;
    auth = { authorization: `Bearer ${String(fresh.access_token)}` };
  });

  it('pages with first/next/prev/last tokens and totals, newest first by default', async () => {
    const p1 = (await get('v1/tasks/runs?pageSize=10')).json as Json;
    assert.strictEqual(p1.totalItemCount, 25);
    assert.strictEqual(p1.totalPageCount, 3);
    assert.strictEqual(p1.itemCount, 10);
    assert.strictEqual(p1.prevPageToken, undefined);
    const items = p1.items as Json[];
    const times = items.map((x) => Date.parse(String(x.timeCreated)));
    assert.deepStrictEqual(times, [...times].sort((a, b) => b - a));
    assert.strictEqual(items[0].logs, undefined, 'lists return TaskRunSummary');
    const p2 = (await get(`v1/tasks/runs?pageSize=10&pageToken=${encodeURIComponent(String(p1.nextPageToken))}`)).json as Json;
    assert.ok((p2.items as Json[]).every((x) => !items.some((y) => y.id === x.id)));
    const back = (await get(`v1/tasks/runs?pageSize=10&pageToken=${encodeURIComponent(String(p2.prevPageToken))}`)).json as Json;
    assert.deepStrictEqual((back.items as Json[]).map((x) => x.id), items.map((x) => x.id));
    const last = (await get(`v1/tasks/runs?pageSize=10&pageToken=${encodeURIComponent(String(p1.lastPageToken))}`)).json as Json;
    assert.strictEqual(last.itemCount, 5);
    assert.strictEqual(last.nextPageToken, undefined);
    assert.strictEqual((await get('v1/tasks/runs?pageSize=0')).status, 400);
    assert.strictEqual((await get('v1/tasks/runs?pageSize=1001')).status, 400);
    assert.strictEqual((await get('v1/tasks/runs?sort=bogus')).status, 400);
  });

  it('filters by status and names and sorts by name', async () => {
    const all = ((await get('v1/tasks/runs?pageSize=1000')).json as Json).items as Json[];
    const statuses = new Set(all.map((x) => x.status));
    assert.ok(statuses.has('Completed') && statuses.has('Running'), [...statuses].join());
    const running = ((await get('v1/tasks/runs?pageSize=1000&status=Running')).json as Json).items as Json[];
    assert.ok(running.length > 0 && running.every((x) => x.status === 'Running'));
    const two = ((await get(`v1/tasks/runs?names=${encodeURIComponent(`${String(all[0].name)},${String(all[1].name)}`)}`)).json as Json).items as Json[];
    assert.strictEqual(two.length, 2);
    const sorted = (((await get('v1/tasks/runs?pageSize=1000&sort=name%20asc')).json as Json).items as Json[]).map((x) => String(x.name).toLowerCase());
    assert.deepStrictEqual(sorted, [...sorted].sort());
  });

  it('creates a run whose logs grow until Completed, and aborts with PUT (400 when already ended)', async () => {
    const c = await call(`${sb.urls.ica}v1/tasks/runs`, { headers: auth, body: { name: 'fastqc-NA12878', execution: { image: { name: 'biocontainers/fastqc', tag: '0.12.1' }, command: 'fastqc', args: ['-o', '/out'] } } });
    assert.strictEqual(c.status, 201, JSON.stringify(c.json));
    const run = c.json as Json;
    assert.strictEqual(run.status, 'Pending');
    const id = String(run.id);
    sb.clock.advance(8_000);
    const mid = (await get(`v1/tasks/runs/${id}`)).json as Json;
    assert.strictEqual(mid.status, 'Running');
    const midLog = (mid.logs as Json[])[0];
    assert.ok(typeof midLog.stdout === 'string' && midLog.endTime === undefined);
    sb.clock.advance(60_000);
    const done = (await get(`v1/tasks/runs/${id}`)).json as Json;
    assert.strictEqual(done.status, 'Completed');
    const doneLog = (done.logs as Json[])[0];
    assert.ok(String(doneLog.stdout).length > String(midLog.stdout).length);
    assert.ok(doneLog.endTime);
    const ab = await call(`${sb.urls.ica}v1/tasks/runs/${id}:abort`, { method: 'PUT', headers: auth });
    assert.strictEqual(ab.status, 400);

    const c2 = (await call(`${sb.urls.ica}v1/tasks/runs`, { headers: auth, body: { name: 'to-abort' } })).json as Json;
    const ok = await call(`${sb.urls.ica}v1/tasks/runs/${String(c2.id)}:abort`, { method: 'PUT', headers: auth });
    assert.strictEqual(ok.status, 200);
    assert.strictEqual((ok.json as Json).status, 'Aborted');
    assert.strictEqual(((await get(`v1/tasks/runs/${String(c2.id)}`)).json as Json).status, 'Aborted');
    assert.strictEqual((await call(`${sb.urls.ica}v1/tasks/runs`, { headers: auth, body: { execution: { image: {} } } })).status, 400);
    assert.strictEqual((await get('v1/tasks/runs/trn.nope')).status, 404);
  });

  it('answers heartbeats with a JWT and launches task versions', async () => {
    const c = (await call(`${sb.urls.ica}v1/tasks/runs`, { headers: auth, body: { name: 'hb' } })).json as Json;
    const hb = await call(`${sb.urls.ica}v1/tasks/runs/${String(c.id)}:heartbeat`, { headers: auth, body: { podName: 'p', nonce: 'n', lastHeartbeat: false } });
    assert.strictEqual(hb.status, 200);
    assert.ok(typeof (hb.json as Json).jwt === 'string');
    const tasks = ((await get('v1/tasks')).json as Json).items as Json[];
    const dragen = tasks.find((t) => t.name === 'dragen-germline') as Json;
    const versions = ((await get(`v1/tasks/${String(dragen.id)}/versions`)).json as Json).items as Json[];
    assert.ok(versions.length >= 2);
    const l = await call(`${sb.urls.ica}v1/tasks/${String(dragen.id)}/versions/${String(versions[0].id)}:launch`, { headers: auth, body: { name: 'dragen-germline-NA12878', arguments: { sample: 'NA12878' } } });
    assert.strictEqual(l.status, 201);
    assert.strictEqual(((l.json as Json).taskVersionSummary as Json).id, versions[0].id);
  });
});
