import * as assert from 'assert';
import { startSandbox } from '../../../../src/sandbox';
import type { Sandbox } from '../../../../src/sandbox/types';
import { HttpError } from '../../../../src/http';
import { icaState, type IcaClient, type IcaWire as W } from '../../../../src/backends/ica';
import { icaBackend } from './helpers';

const BODY: W.CreateTaskRunRequest = { name: 'client-test', execution: { image: { name: 'ubuntu', tag: '22.04' }, command: 'bash', args: ['-c', 'echo hi'], retryLimit: 1 } };

async function allRuns(c: IcaClient, p: W.ListTaskRunsParams): Promise<{ items: W.TaskRunSummary[]; pages: number; total?: number }> {
  const items: W.TaskRunSummary[] = [];
  let token: string | undefined;
  let pages = 0;
  let total: number | undefined;
  do {
    const r = await c.listTaskRuns({ ...p, pageToken: token });
    items.push(...(r.items ?? []));
    total = r.totalItemCount;
    token = r.nextPageToken || undefined;
    pages++;
  } while (token && pages < 100);
  return { items, pages, total };
}

describe('ica/client against the sandbox', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let c: IcaClient;
  before(async () => {
    sb = await startSandbox({ seed: 1, runs: 30, speed: 1 });
    c = icaBackend(sb.urls.ica, sb.icaApiKey).client;
  });
  after(async () => sb?.close());
  afterEach(() => sb.faults.clear());

  it('exchanges the API key for a JWT (X-API-Key, POST /v1/tokens) and sends it as Bearer', async () => {
    const t = await c.createToken(sb.icaApiKey);
    assert.ok(t.access_token && t.access_token.split('.').length === 3);
    sb.requests.clear();
    await c.listTaskRuns({ pageSize: 1 });
    const tokenCalls = sb.requests.list('ica').filter((r) => r.path === '/v1/tokens');
    assert.ok(tokenCalls.length <= 1 && tokenCalls.every((r) => r.method === 'POST' && !('api_key' in r.query)));
    assert.ok(sb.requests.list('ica').filter((r) => r.path === '/v1/tasks/runs').every((r) => r.hasAuth));
  });

  it('lists every task run, paging to the last page', async () => {
    const { items, pages, total } = await allRuns(c, { pageSize: 7 });
    assert.ok(items.length >= 30);
    assert.strictEqual(total, items.length);
    assert.strictEqual(pages, Math.ceil(items.length / 7));
    assert.strictEqual(new Set(items.map((r) => r.id)).size, items.length);
  });

  it('sorts and filters (status, names)', async () => {
    const { items } = await allRuns(c, { pageSize: 100, sort: 'timeCreated desc' });
    const times = items.map((r) => r.timeCreated ?? '');
    assert.deepStrictEqual(times, [...times].sort().reverse());
    const status = items.find((r) => r.status)?.status as string;
    const byStatus = await allRuns(c, { pageSize: 100, status });
    assert.ok(byStatus.items.length > 0 && byStatus.items.every((r) => r.status === status));
    const byName = await allRuns(c, { pageSize: 100, names: items[0].name });
    assert.ok(byName.items.some((r) => r.id === items[0].id));
  });

  it('maps every status the server reports', async () => {
    const { items } = await allRuns(c, { pageSize: 100 });
    const statuses = new Set(items.map((r) => r.status));
    assert.ok(statuses.size >= 3, [...statuses].join(','));
    for (const s of statuses) assert.notStrictEqual(icaState(s).status, 'unknown', String(s));
  });

  it('creates, gets (with logs per attempt), aborts with PUT', async () => {
    const created = await c.createTaskRun(BODY);
    assert.ok(created.id);
    sb.clock.advance(20_000);
    const got = await c.getTaskRun(created.id as string);
    assert.strictEqual(got.name, 'client-test');
    sb.requests.clear();
    const aborted = await c.abortTaskRun(created.id as string);
    assert.strictEqual(aborted.id, created.id);
    assert.strictEqual(sb.requests.count('ica', 'PUT', ':abort$'), 1);
    assert.strictEqual(sb.requests.count('ica', 'POST', ':abort$'), 0);
  });

  it('falls back to POST :abort when the server answers 405 to PUT, and remembers', async () => {
    const fresh = icaBackend(sb.urls.ica, sb.icaApiKey).client;
    const a = await fresh.createTaskRun(BODY);
    const b2 = await fresh.createTaskRun(BODY);
    sb.requests.clear();
    sb.faults.add('ica', { match: { method: 'PUT', path: ':abort$' }, count: 5, fault: { status: 405 } });
    await fresh.abortTaskRun(a.id as string);
    await fresh.abortTaskRun(b2.id as string);
    assert.strictEqual(sb.requests.count('ica', 'PUT', ':abort$'), 1);
    assert.strictEqual(sb.requests.count('ica', 'POST', ':abort$'), 2);
    assert.strictEqual(fresh.abortMethod, 'POST');
    sb.clock.advance(5_000);
    assert.strictEqual((await fresh.getTaskRun(a.id as string)).status, 'Aborted');
  });

  it('heartbeat (runner-side route)', async () => {
    const created = await c.createTaskRun(BODY);
    sb.clock.advance(5_000);
    const hb = await c.heartbeatTaskRun(created.id as string, { podName: 'pod-1', nonce: 'n', lastHeartbeat: false, containerStatus: [] });
    assert.ok(hb.jwt && hb.jwt.split('.').length === 3);
  });

  it('reports ICA error bodies ({code, message})', async () => {
    const e = await c.getTaskRun('no-such-run').then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof HttpError && e.code === 'not-found', String(e));
    assert.match(e.message, /^ICA at http:\/\/127\.0\.0\.1:\d+: 404 Not Found — ./);
  });

  it('a wrong API key is an auth error from the token exchange', async () => {
    const bad = icaBackend(sb.urls.ica, 'wrong-key').client;
    await assert.rejects(bad.listTaskRuns(), (e: unknown) => e instanceof HttpError && e.code === 'auth');
  });

  it('a 401 on an API call exchanges the key again and retries once', async () => {
    const fresh = icaBackend(sb.urls.ica, sb.icaApiKey).client;
    await fresh.listTaskRuns({ pageSize: 1 });
    sb.requests.clear();
    sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 1, fault: { status: 401 } });
    await fresh.listTaskRuns({ pageSize: 1 });
    assert.strictEqual(sb.requests.count('ica', 'POST', '^/v1/tokens$'), 1);
    assert.strictEqual(sb.requests.count('ica', 'GET', '^/v1/tasks/runs$'), 2);
  });

  it('refreshes the JWT before it expires', async () => {
    let now = Date.now();
    const b = icaBackend(sb.urls.ica, sb.icaApiKey, { now: () => now });
    sb.requests.clear();
    await b.client.listTaskRuns({ pageSize: 1 });
    await b.client.listTaskRuns({ pageSize: 1 });
    assert.strictEqual(sb.requests.count('ica', 'POST', '^/v1/tokens$'), 1);
    now = (b.tokens.expiry ?? now) - 1_000;
    await b.client.listTaskRuns({ pageSize: 1 });
    assert.strictEqual(sb.requests.count('ica', 'POST', '^/v1/tokens$'), 2);
  });

  describe('faults', () => {
    it('5xx: GET retried, POST sent exactly once', async () => {
      sb.requests.clear();
      sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 2, fault: { status: 503 } });
      await c.listTaskRuns({ pageSize: 1 });
      assert.strictEqual(sb.requests.count('ica', 'GET', '^/v1/tasks/runs$'), 3);
      sb.requests.clear();
      sb.faults.add('ica', { match: { method: 'POST', path: '^/v1/tasks/runs$' }, count: 3, fault: { status: 502 } });
      await assert.rejects(c.createTaskRun(BODY), (e: unknown) => e instanceof HttpError && e.code === 'server');
      assert.strictEqual(sb.requests.count('ica', 'POST', '^/v1/tasks/runs$'), 1);
    });

    it('429 with Retry-After; HTML body; timeout', async () => {
      sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 1, fault: { status: 429, headers: { 'retry-after': '0' } } });
      await c.listTaskRuns({ pageSize: 1 });
      sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 1, fault: { html: true, status: 200 } });
      await assert.rejects(c.listTaskRuns(), (e: unknown) => e instanceof HttpError && e.code === 'bad-response' && /text\/html/.test(e.message));
      const slow = icaBackend(sb.urls.ica, sb.icaApiKey, { timeoutMs: 200 }).client;
      await slow.listTaskRuns({ pageSize: 1 });
      sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 1, fault: { hang: true } });
      await assert.rejects(slow.listTaskRuns(), (e: unknown) => e instanceof HttpError && e.code === 'timeout');
    });
  });
});
