import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { assertValid, loadSpec, requestValidator, responseValidator } from '../../support/contract';
import { call } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;

/** Every ICA seed route (001) plus POST /v1/tokens, validated against libica's tes.json / console.json. */
describe('contract: ica sandbox vs ICA v1 swagger (libica)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let auth: Record<string, string>;
  const tes = (): ReturnType<typeof loadSpec> => loadSpec('ica/tes.swagger.libica-a01ed69.json');
  before(async () => {
    sb = await startSandbox({ seed: 4, runs: 15 });
    const console = loadSpec('ica/console.swagger.libica-a01ed69.json');
    const t = await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': sb.icaApiKey } });
    assertValid(responseValidator(console, 'POST', '/v1/tokens', t.status), t.json, 'token');
    const bad = await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': 'nope' } });
    assertValid(responseValidator(console, 'POST', '/v1/tokens', bad.status), bad.json, 'bad token');
    auth = { authorization: `Bearer ${String((t.json as Json).access_token)}` };
  });
  after(() => sb.close());

  const check = async (method: string, template: string, url: string, body?: unknown, headers = auth): Promise<Json> => {
    const r = await call(`${sb.urls.ica}${url.replace(/^\//, '')}`, { method, body, headers });
    if (body !== undefined) assertValid(requestValidator(tes(), method, template), body, 'request');
    assertValid(responseValidator(tes(), method, template, r.status), r.json ?? r.text, `${method} ${url} ${r.status}`);
    return r.json as Json;
  };

  it('list, get, create, abort, heartbeat, with their error responses', async () => {
    const list = await check('GET', '/v1/tasks/runs', '/v1/tasks/runs?pageSize=5&sort=timeCreated%20desc');
    await check('GET', '/v1/tasks/runs', '/v1/tasks/runs?pageSize=5000');
    await check('GET', '/v1/tasks/runs', '/v1/tasks/runs', undefined, {});
    const first = (list.items as Json[])[0];
    await check('GET', '/v1/tasks/runs/{runId}', `/v1/tasks/runs/${String(first.id)}`);
    await check('GET', '/v1/tasks/runs/{runId}', '/v1/tasks/runs/trn.nope');
    const created = await check('POST', '/v1/tasks/runs', '/v1/tasks/runs', { name: 'bcl-convert-230815', description: 'demux', acl: ['tid:x'], execution: { image: { name: 'bcl-convert', tag: '4.1.7' }, command: 'bcl-convert', args: ['--help'], environment: { variables: { A: '1' }, resources: { size: 'medium' } }, retryLimit: 1 } });
    const badCreate = await call(`${sb.urls.ica}v1/tasks/runs`, { body: { execution: { image: {} } }, headers: auth });
    assertValid(responseValidator(tes(), 'POST', '/v1/tasks/runs', badCreate.status), badCreate.json, 'create 400');
    const id = String(created.id);
    sb.clock.advance(4_000);
    await check('POST', '/v1/tasks/runs/{runId}:heartbeat', `/v1/tasks/runs/${id}:heartbeat`, { podName: 'pod-1', nonce: 'n', lastHeartbeat: false, containerStatus: [{ name: 'main', state: { running: { startedAt: new Date().toISOString() } } }] });
    await check('POST', '/v1/tasks/runs/{runId}:heartbeat', '/v1/tasks/runs/trn.nope:heartbeat', {});
    await check('PUT', '/v1/tasks/runs/{runId}:abort', `/v1/tasks/runs/${id}:abort`);
    await check('PUT', '/v1/tasks/runs/{runId}:abort', `/v1/tasks/runs/${id}:abort`);
    await check('PUT', '/v1/tasks/runs/{runId}:abort', '/v1/tasks/runs/trn.nope:abort');
    await check('GET', '/v1/tasks/runs/{runId}', `/v1/tasks/runs/${id}`);
  });

  it('task versions and launch', async () => {
    const tasks = await check('GET', '/v1/tasks', '/v1/tasks');
    const t = (tasks.items as Json[])[0];
    const versions = await check('GET', '/v1/tasks/{taskId}/versions', `/v1/tasks/${String(t.id)}/versions`);
    const v = (versions.items as Json[])[0];
    await check('GET', '/v1/tasks/{taskId}/versions/{versionId}', `/v1/tasks/${String(t.id)}/versions/${String(v.id)}`);
    await check('POST', '/v1/tasks/{taskId}/versions/{versionId}:launch', `/v1/tasks/${String(t.id)}/versions/${String(v.id)}:launch`, { name: 'launched', arguments: { sample: 'NA12878' } });
    await check('POST', '/v1/tasks/{taskId}/versions/{versionId}:launch', `/v1/tasks/${String(t.id)}/versions/nope:launch`, {});
  });
});
