import * as assert from 'assert';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { call } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;
const runsOf = (j: unknown): Json[] => ((j as Json).runs as Json[] | undefined) ?? [];

describe('sandbox: kfp', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  let api: string;
  before(async () => {
    sb = await startSandbox({ seed: 7, runs: 40 });
    api = `${sb.urls.kfp}apis/v2beta1/`;
  });
  after(() => sb.close());

  const listAll = async (query: string, pageSize = 15): Promise<Json[]> => {
    const out: Json[] = [];
    let token = '';
    for (let i = 0; i < 20; i++) {
      const r = await call(`${api}runs?page_size=${pageSize}&${query}${token ? `&page_token=${encodeURIComponent(token)}` : ''}`);
      assert.strictEqual(r.status, 200, r.text);
      out.push(...runsOf(r.json));
      token = String((r.json as Json).next_page_token ?? '');
      if (!token) break;
    }
    return out;
  };

  it('lists runs newest first, with total_size and keyset page tokens', async () => {
    const first = await call(`${api}runs?page_size=15`);
    assert.strictEqual((first.json as Json).total_size, 40);
    const all = await listAll('');
    assert.strictEqual(all.length, 40);
    assert.strictEqual(new Set(all.map((r) => r.run_id)).size, 40);
    const times = all.map((r) => Date.parse(String(r.created_at)));
    assert.deepStrictEqual(times, [...times].sort((a, b) => b - a));
    const states = new Set(all.map((r) => r.state));
    assert.ok(states.has('SUCCEEDED') && states.has('RUNNING') && states.has('FAILED'), [...states].join());
  });

  it('filters on state, display_name, storage_state and experiment_id, and sorts', async () => {
    const f = (preds: Json[]): string => `filter=${encodeURIComponent(JSON.stringify({ predicates: preds }))}`;
    const failed = await listAll(f([{ key: 'state', operation: 'EQUALS', string_value: 'FAILED' }]));
    assert.ok(failed.length > 0 && failed.every((r) => r.state === 'FAILED'));
    const resnet = await listAll(f([{ key: 'display_name', operation: 'IS_SUBSTRING', stringValue: 'resnet' }]));
    assert.ok(resnet.length > 0 && resnet.every((r) => String(r.display_name).includes('resnet')));
    const archived = await listAll(f([{ key: 'storage_state', operation: 'EQUALS', string_value: 'ARCHIVED' }]));
    assert.ok(archived.every((r) => r.storage_state === 'ARCHIVED'));
    const exp = String(resnet[0].experiment_id);
    const inExp = await listAll(`experiment_id=${exp}`);
    assert.ok(inExp.length > 0 && inExp.every((r) => r.experiment_id === exp));
    const byName = await listAll('sort_by=name%20asc', 100);
    const names = byName.map((r) => String(r.display_name));
    assert.deepStrictEqual(names, [...names].sort());
  });

  it('answers googleRpcStatus errors for bad queries and unknown runs', async () => {
    for (const q of ['filter=not-json', 'sort_by=bogus', 'page_size=-1', 'page_token=zzz', 'view=HUGE']) {
      const r = await call(`${api}runs?${q}`);
      assert.strictEqual(r.status, 400, q);
      assert.strictEqual((r.json as Json).code, 3, q);
      assert.ok(typeof (r.json as Json).message === 'string');
    }
    const nf = await call(`${api}runs/00000000-0000-4000-8000-000000000000`);
    assert.strictEqual(nf.status, 404);
    assert.deepStrictEqual(Object.keys(nf.json as Json).sort(), ['code', 'details', 'message']);
    assert.strictEqual((nf.json as Json).code, 5);
    const bad = await call(`${api}runs`, { body: { description: 'no name' } });
    assert.strictEqual(bad.status, 400);
  });

  it('moves a created run PENDING -> RUNNING -> SUCCEEDED through its task DAG on the clock', async () => {
    const some = runsOf((await call(`${api}runs?page_size=100`)).json).find((r) => String(r.display_name).startsWith('train-resnet50'));
    assert.ok(some);
    const ref = some.pipeline_version_reference as Json;
    const created = await call(`${api}runs`, { body: { display_name: 'my resnet', pipeline_version_reference: ref, runtime_config: { parameters: { epochs: 2 } } } });
    assert.strictEqual(created.status, 200, created.text);
    const run = created.json as Json;
    assert.strictEqual(run.state, 'PENDING');
    assert.strictEqual(run.finished_at, '1970-01-01T00:00:00Z');
    assert.strictEqual((run.runtime_config as Json).parameters && ((run.runtime_config as Json).parameters as Json).epochs, 2);
    const id = String(run.run_id);
    sb.clock.advance(5_000);
    const running = (await call(`${api}runs/${id}?view=FULL`)).json as Json;
    assert.strictEqual(running.state, 'RUNNING');
    const early = running.tasks as Json[];
    assert.ok(early.length >= 1 && early.length < 8, `tasks so far: ${early.length}`);
    assert.ok(early.some((t) => t.type === 'ROOT'));
    sb.clock.advance(600_000);
    const done = (await call(`${api}runs/${id}?view=FULL`)).json as Json;
    assert.strictEqual(done.state, 'SUCCEEDED');
    assert.notStrictEqual(done.finished_at, '1970-01-01T00:00:00Z');
    assert.deepStrictEqual((done.state_history as Json[]).map((h) => h.state), ['PENDING', 'RUNNING', 'SUCCEEDED']);
    const tasks = done.tasks as Json[];
    assert.strictEqual(done.task_count, tasks.length);
    assert.strictEqual(tasks.length, 8);
    const root = tasks.find((t) => t.type === 'ROOT') as Json;
    const dag = tasks.find((t) => t.type === 'DAG') as Json;
    const train = tasks.find((t) => t.name === 'train-model') as Json;
    assert.strictEqual(dag.parent_task_id, root.task_id);
    assert.strictEqual(train.parent_task_id, dag.task_id);
    assert.ok((dag.child_tasks as Json[]).some((c) => c.task_id === train.task_id));
    assert.ok(tasks.every((t) => t.state === 'SUCCEEDED' || t.state === 'CACHED'));
    const details = (done.run_details as Json).task_details as Json[];
    assert.strictEqual(details.length, 8);
    assert.ok(details.every((d) => typeof d.execution_id === 'string'));
    const def = (await call(`${api}runs/${id}`)).json as Json;
    assert.strictEqual(def.tasks, undefined, 'view=DEFAULT omits tasks');
  });

  it('terminates (CANCELING then CANCELED), refuses a second terminate, retries to SUCCEEDED', async () => {
    const ref = (runsOf((await call(`${api}runs?page_size=1`)).json)[0].pipeline_version_reference as Json);
    const id = String(((await call(`${api}runs`, { body: { display_name: 'to terminate', pipeline_version_reference: ref } })).json as Json).run_id);
    sb.clock.advance(8_000);
    assert.deepStrictEqual((await call(`${api}runs/${id}:terminate`, { method: 'POST' })).json, {});
    assert.strictEqual(((await call(`${api}runs/${id}`)).json as Json).state, 'CANCELING');
    assert.strictEqual((await call(`${api}runs/${id}:terminate`, { method: 'POST' })).status, 400);
    sb.clock.advance(3_000);
    const canceled = (await call(`${api}runs/${id}`)).json as Json;
    assert.strictEqual(canceled.state, 'CANCELED');
    assert.ok(((canceled.run_details as Json).task_details as Json[]).some((t) => t.state === 'CANCELED'));
    assert.strictEqual((await call(`${api}runs/${id}:retry`, { method: 'POST' })).status, 200);
    sb.clock.advance(1_500);
    assert.strictEqual(((await call(`${api}runs/${id}`)).json as Json).state, 'RUNNING');
    sb.clock.advance(600_000);
    const after = (await call(`${api}runs/${id}`)).json as Json;
    assert.strictEqual(after.state, 'SUCCEEDED');
    assert.deepStrictEqual((after.state_history as Json[]).map((h) => h.state), ['PENDING', 'RUNNING', 'CANCELING', 'CANCELED', 'RUNNING', 'SUCCEEDED']);
    assert.strictEqual((await call(`${api}runs/${id}:retry`, { method: 'POST' })).status, 400, 'only failed/canceled runs retry');
  });

  it('archives, unarchives and deletes', async () => {
    const id = String(runsOf((await call(`${api}runs?page_size=1`)).json)[0].run_id);
    await call(`${api}runs/${id}:archive`, { method: 'POST' });
    assert.strictEqual(((await call(`${api}runs/${id}`)).json as Json).storage_state, 'ARCHIVED');
    await call(`${api}runs/${id}:unarchive`, { method: 'POST' });
    assert.strictEqual(((await call(`${api}runs/${id}`)).json as Json).storage_state, 'AVAILABLE');
    assert.deepStrictEqual((await call(`${api}runs/${id}`, { method: 'DELETE' })).json, {});
    assert.strictEqual((await call(`${api}runs/${id}`)).status, 404);
    assert.strictEqual((await call(`${api}runs/${id}:archive`, { method: 'POST' })).status, 404);
  });

  it('serves experiments list/get', async () => {
    const list = (await call(`${api}experiments?page_size=50`)).json as Json;
    const exps = list.experiments as Json[];
    assert.strictEqual(list.total_size, exps.length);
    assert.ok(exps.some((e) => e.display_name === 'Default'));
    const one = await call(`${api}experiments/${String(exps[0].experiment_id)}`);
    assert.strictEqual((one.json as Json).experiment_id, exps[0].experiment_id);
    assert.strictEqual((await call(`${api}experiments/nope`)).status, 404);
  });

  it('serves the tasks API: list (one selector), get, create, patch (merging parameters), batchUpdate', async () => {
    const run = runsOf((await call(`${api}runs?page_size=50&view=FULL`)).json).find((r) => r.state === 'SUCCEEDED') as Json;
    const runId = String(run.run_id);
    assert.strictEqual((await call(`${api}tasks`)).status, 400);
    assert.strictEqual((await call(`${api}tasks?run_id=${runId}&namespace=x`)).status, 400);
    const list = (await call(`${api}tasks?run_id=${runId}&page_size=3`)).json as Json;
    assert.strictEqual((list.tasks as Json[]).length, 3);
    assert.strictEqual(list.total_size, (run.tasks as Json[]).length);
    assert.ok(list.next_page_token);
    const t = (list.tasks as Json[])[1];
    const got = (await call(`${api}tasks/${String(t.task_id)}`)).json as Json;
    assert.strictEqual(got.task_id, t.task_id);
    const children = (await call(`${api}tasks?parent_id=${String(got.parent_task_id)}`)).json as Json;
    assert.ok((children.tasks as Json[]).some((c) => c.task_id === t.task_id));
    await call(`${api}tasks/${String(t.task_id)}`, { method: 'PATCH', body: { inputs: { parameters: [{ parameter_key: 'first', value: 1 }] } } });
    const patched = (await call(`${api}tasks/${String(t.task_id)}`, { method: 'PATCH', body: { inputs: { parameters: [{ parameter_key: 'second', value: 2 }] } } })).json as Json;
    const keys = ((patched.inputs as Json).parameters as Json[]).map((p) => p.parameter_key);
    assert.ok(keys.includes('first') && keys.includes('second'), keys.join());
    assert.deepStrictEqual((await call(`${api}tasks/${String(t.task_id)}`)).json, patched, 'the patch persists');
    const createdTask = await call(`${api}tasks`, { body: { run_id: runId, display_name: 'driver-made', type: 'RUNTIME' } });
    assert.strictEqual(createdTask.status, 200);
    const newId = String((createdTask.json as Json).task_id);
    const batch = await call(`${api}tasks:batchUpdate`, { body: { tasks: { [newId]: { state: 'SUCCEEDED' } } } });
    assert.strictEqual((((batch.json as Json).tasks as Json)[newId] as Json).state, 'SUCCEEDED');
    assert.strictEqual((await call(`${api}tasks:batchUpdate`, { body: { tasks: { nope: {} } } })).status, 404);
    assert.strictEqual((await call(`${api}tasks/nope`)).status, 404);
  });

  it('serves pod logs at the root like the KFP UI server, growing while the task runs', async () => {
    const ref = (runsOf((await call(`${api}runs?page_size=1`)).json)[0].pipeline_version_reference as Json);
    const id = String(((await call(`${api}runs`, { body: { display_name: 'logs', pipeline_version_reference: ref } })).json as Json).run_id);
    sb.clock.advance(6_000);
    const detail = () => call(`${api}runs/${id}`).then((r) => (((r.json as Json).run_details as Json).task_details as Json[]).find((d) => d.pod_name));
    const d = await detail();
    assert.ok(d, 'a task with a pod');
    const url = `${sb.urls.kfp}k8s/pod/logs?podname=${encodeURIComponent(String(d.pod_name))}&podnamespace=kubeflow`;
    const a = await call(url);
    assert.strictEqual(a.status, 200);
    assert.match(String(a.headers.get('content-type')), /text\/plain/);
    sb.clock.advance(600_000);
    const b = await call(url);
    assert.ok(b.text.length > a.text.length && b.text.split('\n').length > a.text.split('\n').length);
    assert.strictEqual((await call(`${sb.urls.kfp}k8s/pod/logs?podname=nope`)).status, 404);
  });

  it('behaves like a released KFP without the tasks API, and checks an optional bearer token', async () => {
    const old = await startSandbox({ runs: 3, kfpWithoutTasksApi: true, kfpToken: 's3cret' });
    try {
      const base = `${old.urls.kfp}apis/v2beta1/`;
      assert.strictEqual((await call(`${base}runs`)).status, 401);
      assert.strictEqual(((await call(`${base}runs`, { headers: { authorization: 'Bearer wrong' } })).json as Json).code, 16);
      const auth = { authorization: 'Bearer s3cret' };
      const r = (await call(`${base}runs?view=FULL`, { headers: auth })).json as Json;
      const run = runsOf(r)[0];
      assert.strictEqual(run.tasks, undefined);
      assert.strictEqual(run.task_count, undefined);
      assert.ok(Array.isArray((run.run_details as Json).task_details));
      const t = await call(`${base}tasks?run_id=${String(run.run_id)}`, { headers: auth });
      assert.strictEqual(t.status, 404);
      assert.strictEqual((t.json as Json).code, 5);
      assert.ok(old.requests.list('kfp').every((e) => e.headers.authorization === undefined || e.headers.authorization === '[redacted]'));
    } finally {
      await old.close();
    }
  });
});
