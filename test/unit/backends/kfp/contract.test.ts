import * as assert from 'assert';
import { loadSpec } from '../../../support/contract';
import { checkRequests } from '../../http/recorded';
import { sendJson, serve, type Fixture } from '../../http/fixture';
import { kfpBackend } from './helpers';

/** What a client sends, checked against the KFP swaggers (the tasks-api file has runs and tasks). */
describe('kfp/client requests match the upstream specs', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('every client method, behind a path prefix', async () => {
    f = await serve((req, res) => {
      if (req.url?.startsWith('/pipeline/k8s/')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('log');
      }
      sendJson(res, 200, {});
    });
    const c = kfpBackend(`${f.url}pipeline/`).client;
    const filter = { predicates: [{ key: 'state', operation: 'IN' as const, string_values: { values: ['RUNNING'] } }] };
    await c.listRuns({ namespace: 'ns', experiment_id: 'e', page_size: 5, page_token: 't', sort_by: 'created_at desc', filter, view: 'FULL' });
    await c.getRun('r1', { view: 'DEFAULT' });
    await c.createRun({ display_name: 'x', pipeline_version_reference: { pipeline_id: 'p', pipeline_version_id: 'v' }, runtime_config: { parameters: { a: 1 } } }, { experiment_id: 'e' });
    await c.deleteRun('r1');
    await c.archiveRun('r1');
    await c.unarchiveRun('r1');
    await c.terminateRun('r1');
    await c.retryRun('r1');
    await c.listTasks({ run_id: 'r1', page_size: 10, page_token: 't', filter, order_by: 'create_time asc' });
    await c.listTasks({ parent_id: 't1' });
    await c.getTask('t1');
    await c.createTask({ run_id: 'r1', display_name: 'x', type: 'RUNTIME', state: 'RUNNING' });
    await c.updateTask('t1', { state: 'SUCCEEDED' });
    await c.batchUpdateTasks({ tasks: { t1: { state: 'FAILED' } } });
    await c.listExperiments({ namespace: 'ns', page_size: 2, page_token: 't', sort_by: 'created_at desc', filter });
    await c.getExperiment('e1');
    await c.getPodLogs('pod-1', 'kubeflow');
    assert.ok(f.seen.every((r) => r.url.startsWith('/pipeline/')), 'the base path prefix is kept');
    const specs = [loadSpec('kfp/run.swagger.tasks-api-42ff24e.json'), loadSpec('kfp/experiment.swagger.master-7b70c7b.json')];
    const checked = checkRequests(f.seen, specs, { prefix: '/pipeline/', skip: /^\/k8s\/pod\/logs$/ });
    assert.strictEqual(checked, f.seen.length - 1);
    const logs = new URL(f.seen[f.seen.length - 1].url, 'http://x');
    assert.deepStrictEqual([logs.pathname, logs.searchParams.get('podname'), logs.searchParams.get('podnamespace')], ['/pipeline/k8s/pod/logs', 'pod-1', 'kubeflow']);
  });
});

describe('the request checker itself', () => {
  const specs = () => [loadSpec('kfp/run.swagger.tasks-api-42ff24e.json')];
  const req = (method: string, url: string, body = '') => ({ method, url, headers: {}, body });
  it('catches unknown routes, undeclared query parameters and bodies where none belong', () => {
    assert.throws(() => checkRequests([req('GET', '/apis/v2beta1/nothing')], specs()), /no such route/);
    assert.throws(() => checkRequests([req('GET', '/apis/v2beta1/runs?pageSize=3')], specs()), /not in the spec/);
    assert.throws(() => checkRequests([req('POST', '/apis/v2beta1/runs/r:archive', '{}')], specs()), /takes no body/);
    assert.throws(() => checkRequests([req('POST', '/apis/v2beta1/runs', '{"display_name": 3}')], specs()), /rejected/);
  });
});
