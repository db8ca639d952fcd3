import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { assertValid, loadSpec, requestValidator, responseValidator } from '../../support/contract';
import { call } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;

/**
 * Every KFP seed route (000) and experiments list/get, answered by the sandbox, validated against the
 * upstream swagger: tasks routes against 42ff24e (the only file that has them), run routes against both
 * master and 42ff24e, experiments against master.
 */
describe('contract: kfp sandbox vs kubeflow/pipelines swagger', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let api: string;
  const master = (): ReturnType<typeof loadSpec> => loadSpec('kfp/run.swagger.master-7b70c7b.json');
  const tasksSpec = (): ReturnType<typeof loadSpec> => loadSpec('kfp/run.swagger.tasks-api-42ff24e.json');
  const exps = (): ReturnType<typeof loadSpec> => loadSpec('kfp/experiment.swagger.master-7b70c7b.json');
  before(async () => {
    sb = await startSandbox({ seed: 11, runs: 30 });
    api = `${sb.urls.kfp}apis/v2beta1`;
  });
  after(() => sb.close());

  const check = async (method: string, template: string, url: string, body?: unknown, specs = [master(), tasksSpec()]): Promise<Json> => {
    const r = await call(`${sb.urls.kfp}${url.replace(/^\//, '')}`, { method, body });
    for (const s of specs) {
      if (body !== undefined) assertValid(requestValidator(s, method, template), body, 'request');
      assertValid(responseValidator(s, method, template, r.status), r.json ?? r.text, `${method} ${url} ${r.status}`);
    }
    return r.json as Json;
  };

  it('runs: list (DEFAULT and FULL views, filter, error), get, create, delete, archive, unarchive, terminate, retry', async () => {
    const list = await check('GET', '/apis/v2beta1/runs', '/apis/v2beta1/runs?page_size=5');
    await check('GET', '/apis/v2beta1/runs', '/apis/v2beta1/runs?page_size=50&view=FULL', undefined, [tasksSpec()]);
    await check('GET', '/apis/v2beta1/runs', `/apis/v2beta1/runs?filter=${encodeURIComponent('{"predicates":[{"key":"state","operation":"EQUALS","string_value":"FAILED"}]}')}`);
    await check('GET', '/apis/v2beta1/runs', '/apis/v2beta1/runs?filter=bad');
    const run = (list.runs as Json[])[0];
    const id = String(run.run_id);
    await check('GET', '/apis/v2beta1/runs/{run_id}', `/apis/v2beta1/runs/${id}`);
    await check('GET', '/apis/v2beta1/runs/{run_id}', `/apis/v2beta1/runs/${id}?view=FULL`, undefined, [tasksSpec()]);
    await check('GET', '/apis/v2beta1/runs/{run_id}', '/apis/v2beta1/runs/nope');
    const created = await check('POST', '/apis/v2beta1/runs', '/apis/v2beta1/runs', { display_name: 'contract', pipeline_version_reference: run.pipeline_version_reference, runtime_config: { parameters: { a: 1 } } });
    await check('POST', '/apis/v2beta1/runs', '/apis/v2beta1/runs', { description: 'no display name' });
    const cid = String(created.run_id);
    sb.clock.advance(5_000);
    await check('POST', '/apis/v2beta1/runs/{run_id}:terminate', `/apis/v2beta1/runs/${cid}:terminate`);
    await check('POST', '/apis/v2beta1/runs/{run_id}:terminate', `/apis/v2beta1/runs/${cid}:terminate`);
    sb.clock.advance(5_000);
    await check('POST', '/apis/v2beta1/runs/{run_id}:retry', `/apis/v2beta1/runs/${cid}:retry`);
    await check('POST', '/apis/v2beta1/runs/{run_id}:retry', `/apis/v2beta1/runs/${cid}:retry`);
    await check('POST', '/apis/v2beta1/runs/{run_id}:archive', `/apis/v2beta1/runs/${cid}:archive`);
    await check('POST', '/apis/v2beta1/runs/{run_id}:unarchive', `/apis/v2beta1/runs/${cid}:unarchive`);
    await check('POST', '/apis/v2beta1/runs/{run_id}:archive', '/apis/v2beta1/runs/nope:archive');
    await check('POST', '/apis/v2beta1/runs/{run_id}:unarchive', '/apis/v2beta1/runs/nope:unarchive');
    await check('DELETE', '/apis/v2beta1/runs/{run_id}', `/apis/v2beta1/runs/${cid}`);
    await check('DELETE', '/apis/v2beta1/runs/{run_id}', `/apis/v2beta1/runs/${cid}`);
  });

  it('tasks (42ff24e): list, get, create, update, batchUpdate, with errors', async () => {
    const spec = [tasksSpec()];
    const run = ((await call(`${api}/runs?page_size=1`)).json as Json).runs as Json[];
    const runId = String(run[0].run_id);
    const list = await check('GET', '/apis/v2beta1/tasks', `/apis/v2beta1/tasks?run_id=${runId}`, undefined, spec);
    await check('GET', '/apis/v2beta1/tasks', '/apis/v2beta1/tasks', undefined, spec);
    const t = (list.tasks as Json[])[0];
    const tid = String(t.task_id);
    await check('GET', '/apis/v2beta1/tasks/{task_id}', `/apis/v2beta1/tasks/${tid}`, undefined, spec);
    await check('GET', '/apis/v2beta1/tasks/{task_id}', '/apis/v2beta1/tasks/nope', undefined, spec);
    const created = await check('POST', '/apis/v2beta1/tasks', '/apis/v2beta1/tasks', { run_id: runId, display_name: 'made-by-driver', type: 'RUNTIME', state: 'RUNNING' }, spec);
    await check('POST', '/apis/v2beta1/tasks', '/apis/v2beta1/tasks', { display_name: 'no run' }, spec);
    await check('PATCH', '/apis/v2beta1/tasks/{task_id}', `/apis/v2beta1/tasks/${tid}`, { outputs: { parameters: [{ parameter_key: 'acc', value: 0.93, type: 'OUTPUT' }] } }, spec);
    await check('PATCH', '/apis/v2beta1/tasks/{task_id}', '/apis/v2beta1/tasks/nope', { state: 'FAILED' }, spec);
    await check('POST', '/apis/v2beta1/tasks:batchUpdate', '/apis/v2beta1/tasks:batchUpdate', { tasks: { [String(created.task_id)]: { state: 'SUCCEEDED', end_time: new Date().toISOString() } } }, spec);
    await check('POST', '/apis/v2beta1/tasks:batchUpdate', '/apis/v2beta1/tasks:batchUpdate', { tasks: { nope: {} } }, spec);
  });

  it('experiments: list, get, 404', async () => {
    const list = await check('GET', '/apis/v2beta1/experiments', '/apis/v2beta1/experiments?page_size=3', undefined, [exps()]);
    await check('GET', '/apis/v2beta1/experiments/{experiment_id}', `/apis/v2beta1/experiments/${String((list.experiments as Json[])[0].experiment_id)}`, undefined, [exps()]);
    await check('GET', '/apis/v2beta1/experiments/{experiment_id}', '/apis/v2beta1/experiments/nope', undefined, [exps()]);
    await check('GET', '/apis/v2beta1/experiments', '/apis/v2beta1/experiments?sort_by=bogus', undefined, [exps()]);
  });

  it('a released KFP (no tasks API) answers the tasks routes with a googleRpcStatus 404', async () => {
    const old = await startSandbox({ runs: 2, kfpWithoutTasksApi: true });
    try {
      const r = await call(`${old.urls.kfp}apis/v2beta1/tasks?run_id=x`);
      assertValid(responseValidator(tasksSpec(), 'GET', '/apis/v2beta1/tasks', r.status), r.json, '404');
      const runs = await call(`${old.urls.kfp}apis/v2beta1/runs`);
      assertValid(responseValidator(master(), 'GET', '/apis/v2beta1/runs', 200), runs.json, 'released runs');
    } finally {
      await old.close();
    }
  });
});
