import * as assert from 'assert';
import { startSandbox } from '../../../../src/sandbox';
import type { Sandbox } from '../../../../src/sandbox/types';
import { HttpError } from '../../../../src/http';
import type { KfpClient } from '../../../../src/backends/kfp';
import type { KfpWire as W } from '../../../../src/backends/kfp';
import { runState } from '../../../../src/backends/kfp';
import { kfpBackend } from './helpers';

const INLINE_SPEC = { pipelineInfo: { name: 'inline' }, root: { dag: { tasks: {} } } };

async function allRuns(c: KfpClient, p: Parameters<KfpClient['listRuns']>[0] = {}): Promise<{ runs: W.Run[]; pages: number; total?: number }> {
  const runs: W.Run[] = [];
  let token: string | undefined;
  let pages = 0;
  let total: number | undefined;
  do {
    const r = await c.listRuns({ ...p, page_token: token });
    runs.push(...(r.runs ?? []));
    total = r.total_size;
    token = r.next_page_token || undefined;
    pages++;
  } while (token && pages < 100);
  return { runs, pages, total };
}

describe('kfp/client against the sandbox', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let c: KfpClient;
  before(async () => {
    sb = await startSandbox({ seed: 1, runs: 30, speed: 1 });
    c = kfpBackend(sb.urls.kfp, { token: sb.kfpToken }).client;
  });
  after(async () => sb?.close());
  afterEach(() => sb.faults.clear());

  describe('runs', () => {
    it('lists every run, paging to the last page', async () => {
      const { runs, pages, total } = await allRuns(c, { page_size: 7 });
      assert.strictEqual(runs.length, 30);
      assert.strictEqual(total, 30);
      assert.strictEqual(pages, 5);
      assert.strictEqual(new Set(runs.map((r) => r.run_id)).size, 30);
    });

    it('sorts and filters server-side (state, name, storage state, experiment)', async () => {
      const { runs } = await allRuns(c, { page_size: 50 });
      const sorted = (await c.listRuns({ page_size: 50, sort_by: 'created_at desc' })).runs ?? [];
      assert.deepStrictEqual(sorted.map((r) => r.created_at), [...sorted.map((r) => r.created_at)].sort().reverse());
      const failed = runs.filter((r) => r.state === 'FAILED').length;
      const viaFilter = await c.listRuns({ page_size: 50, filter: { predicates: [{ key: 'state', operation: 'IN', string_values: { values: ['FAILED'] } }] } });
      assert.strictEqual(viaFilter.runs?.length ?? 0, failed);
      const name = runs[0].display_name?.slice(0, 8) ?? '';
      const byName = await c.listRuns({ page_size: 50, filter: { predicates: [{ key: 'display_name', operation: 'IS_SUBSTRING', string_value: name }] } });
      assert.ok((byName.runs ?? []).every((r) => r.display_name?.includes(name)) && (byName.runs?.length ?? 0) > 0);
      const archived = await c.listRuns({ page_size: 50, filter: { predicates: [{ key: 'storage_state', operation: 'EQUALS', string_value: 'ARCHIVED' }] } });
      assert.strictEqual(archived.runs?.length ?? 0, runs.filter((r) => r.storage_state === 'ARCHIVED').length);
      const exp = runs[0].experiment_id as string;
      const inExp = await allRuns(c, { page_size: 50, experiment_id: exp });
      assert.strictEqual(inExp.runs.length, runs.filter((r) => r.experiment_id === exp).length);
    });

    it('maps every state the server reports', async () => {
      const { runs } = await allRuns(c, { page_size: 50 });
      const states = new Set(runs.map((r) => r.state));
      assert.ok(states.size >= 3, `states seen: ${[...states].join(',')}`);
      for (const s of states) assert.notStrictEqual(runState(s).status, 'unknown', String(s));
    });

    it('gets, creates (unwrapped body), terminates, retries, archives, unarchives and deletes', async () => {
      const created = await c.createRun({ display_name: 'client-test', pipeline_spec: INLINE_SPEC, runtime_config: { parameters: { a: 1 } } });
      assert.ok(created.run_id);
      const got = await c.getRun(created.run_id as string);
      assert.strictEqual(got.display_name, 'client-test');
      await c.terminateRun(created.run_id as string);
      sb.clock.advance(5_000);
      const terminated = await c.getRun(created.run_id as string);
      assert.ok(['CANCELING', 'CANCELED'].includes(String(terminated.state)), String(terminated.state));
      sb.clock.advance(10_000);
      assert.strictEqual((await c.getRun(created.run_id as string)).state, 'CANCELED');
      await c.retryRun(created.run_id as string);
      sb.clock.advance(2_000);
      assert.ok(['PENDING', 'RUNNING'].includes(String((await c.getRun(created.run_id as string)).state)));
      await c.archiveRun(created.run_id as string);
      assert.strictEqual((await c.getRun(created.run_id as string)).storage_state, 'ARCHIVED');
      await c.unarchiveRun(created.run_id as string);
      assert.strictEqual((await c.getRun(created.run_id as string)).storage_state, 'AVAILABLE');
      await c.deleteRun(created.run_id as string);
      await assert.rejects(c.getRun(created.run_id as string), (e: unknown) => e instanceof HttpError && e.code === 'not-found');
      assert.strictEqual(sb.requests.count('kfp', 'POST', ':terminate$'), 1);
    });

    it('reports the server message of a rejected request (googleRpcStatus)', async () => {
      const e = await c.createRun({ display_name: '' }).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof HttpError && e.code === 'rejected' && e.status === 400, String(e));
      assert.match(e.message, /^KFP at http:\/\/127\.0\.0\.1:\d+: 400 Bad Request — .*display_name/);
    });
  });

  describe('experiments', () => {
    it('lists to the last page and gets one', async () => {
      const all: W.Experiment[] = [];
      let token: string | undefined;
      do {
        const r = await c.listExperiments({ page_size: 4, page_token: token, sort_by: 'created_at desc' });
        all.push(...(r.experiments ?? []));
        token = r.next_page_token || undefined;
      } while (token);
      assert.ok(all.length >= 6);
      const one = await c.getExperiment(all[0].experiment_id as string);
      assert.strictEqual(one.display_name, all[0].display_name);
      const filtered = await c.listExperiments({ filter: { predicates: [{ key: 'display_name', operation: 'EQUALS', string_value: 'Default' }] } });
      assert.strictEqual(filtered.experiments?.length, 1);
    });
  });

  describe('tasks API', () => {
    it('lists a run\'s tasks and a task\'s children, gets one', async () => {
      const run = (await c.listRuns({ page_size: 1, filter: { predicates: [{ key: 'state', operation: 'EQUALS', string_value: 'SUCCEEDED' }] } })).runs?.[0] as W.Run;
      const tasks = (await c.listTasks({ run_id: run.run_id as string, page_size: 200 })).tasks ?? [];
      assert.ok(tasks.length > 1);
      const root = tasks.find((t) => t.type === 'ROOT') ?? tasks[0];
      const children = (await c.listTasks({ parent_id: root.task_id as string })).tasks ?? [];
      assert.ok(children.length > 0 && children.every((t) => t.parent_task_id === root.task_id));
      const paged: W.PipelineTask[] = [];
      let token: string | undefined;
      do {
        const r = await c.listTasks({ run_id: run.run_id as string, page_size: 2, page_token: token });
        paged.push(...(r.tasks ?? []));
        token = r.next_page_token || undefined;
      } while (token);
      assert.strictEqual(paged.length, tasks.length);
      const one = await c.getTask(children[0].task_id as string);
      assert.strictEqual(one.task_id, children[0].task_id);
    });

    it('creates, updates and batch-updates tasks', async () => {
      const run = (await c.listRuns({ page_size: 1 })).runs?.[0] as W.Run;
      const t = await c.createTask({ run_id: run.run_id, display_name: 'extra', type: 'RUNTIME', state: 'RUNNING' });
      assert.ok(t.task_id);
      const u = await c.updateTask(t.task_id as string, { state: 'SUCCEEDED' });
      assert.strictEqual(u.state, 'SUCCEEDED');
      const b = await c.batchUpdateTasks({ tasks: { [t.task_id as string]: { state: 'FAILED', status_metadata: { message: 'x' } } } });
      assert.strictEqual(b.tasks?.[t.task_id as string]?.state, 'FAILED');
      assert.strictEqual((await c.getTask(t.task_id as string)).state, 'FAILED');
    });
  });

  describe('pod logs (KFP UI server)', () => {
    it('reads a task pod log', async () => {
      const run = (await c.listRuns({ page_size: 1, filter: { predicates: [{ key: 'state', operation: 'EQUALS', string_value: 'SUCCEEDED' }] } })).runs?.[0] as W.Run;
      const tasks = (await c.listTasks({ run_id: run.run_id as string })).tasks ?? [];
      const pod = tasks.flatMap((t) => t.pods ?? []).find((p) => p.type === 'EXECUTOR')?.name as string;
      assert.ok(pod);
      const text = await c.getPodLogs(pod, 'kubeflow');
      assert.ok(text.length > 0);
      await assert.rejects(c.getPodLogs('no-such-pod', 'kubeflow'), (e: unknown) => e instanceof HttpError && e.code === 'not-found');
    });
  });

  describe('faults', () => {
    it('retries a GET on 503 with Retry-After, and succeeds', async () => {
      sb.requests.clear();
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/runs$' }, count: 2, fault: { status: 503, headers: { 'retry-after': '0' } } });
      const r = await c.listRuns({ page_size: 1 });
      assert.strictEqual(r.runs?.length, 1);
      assert.strictEqual(sb.requests.count('kfp', 'GET', '^/apis/v2beta1/runs$'), 3);
    });

    it('never retries a POST: the server sees exactly one', async () => {
      const run = (await c.listRuns({ page_size: 1, filter: { predicates: [{ key: 'state', operation: 'EQUALS', string_value: 'RUNNING' }] } })).runs?.[0] as W.Run;
      sb.requests.clear();
      sb.faults.add('kfp', { match: { method: 'POST', path: ':terminate$' }, count: 3, fault: { status: 503 } });
      await assert.rejects(c.terminateRun(run.run_id as string), (e: unknown) => e instanceof HttpError && e.code === 'server');
      assert.strictEqual(sb.requests.count('kfp', 'POST', ':terminate$'), 1);
    });

    it('429 with Retry-After is waited for on GET', async () => {
      sb.requests.clear();
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/experiments$' }, count: 1, fault: { status: 429, headers: { 'retry-after': '1' } } });
      const started = Date.now();
      await c.listExperiments({ page_size: 1 });
      assert.ok(Date.now() - started >= 900);
      assert.strictEqual(sb.requests.count('kfp', 'GET', '^/apis/v2beta1/experiments$'), 2);
    });

    it('an HTML page (proxy/login) is a bad response naming the content type', async () => {
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/runs$' }, count: 1, fault: { html: true, status: 200 } });
      await assert.rejects(c.listRuns(), (e: unknown) => e instanceof HttpError && e.code === 'bad-response' && /text\/html/.test(e.message));
    });

    it('malformed JSON is a bad response', async () => {
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/runs$' }, count: 1, fault: { malformedJson: true } });
      await assert.rejects(c.listRuns(), (e: unknown) => e instanceof HttpError && e.code === 'bad-response');
    });

    it('a hanging GET times out; a hanging POST has an unknown outcome and is not repeated', async () => {
      const slow = kfpBackend(sb.urls.kfp, { token: sb.kfpToken, timeoutMs: 200 }).client;
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/experiments$' }, count: 1, fault: { hang: true } });
      await assert.rejects(slow.listExperiments(), (e: unknown) => e instanceof HttpError && e.code === 'timeout');
      sb.requests.clear();
      sb.faults.add('kfp', { match: { method: 'POST', path: '^/apis/v2beta1/runs$' }, count: 1, fault: { hang: true } });
      await assert.rejects(slow.createRun({ display_name: 'hang', pipeline_spec: INLINE_SPEC }), (e: unknown) => e instanceof HttpError && e.code === 'unknown-outcome');
      assert.strictEqual(sb.requests.count('kfp', 'POST', '^/apis/v2beta1/runs$'), 1);
    });
  });
});

describe('kfp/client auth', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ seed: 2, runs: 5, kfpToken: 'sekret' });
  });
  after(async () => sb?.close());

  it('sends the bearer token; 401 without it is an auth error', async () => {
    assert.ok((await kfpBackend(sb.urls.kfp, { token: 'sekret' }).client.listRuns()).runs?.length);
    await assert.rejects(kfpBackend(sb.urls.kfp).client.listRuns(), (e: unknown) => e instanceof HttpError && e.code === 'auth' && e.status === 401 && /401 Unauthorized/.test(e.message));
  });
});
