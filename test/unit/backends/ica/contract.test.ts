import * as assert from 'assert';
import { loadSpec } from '../../../support/contract';
import { checkRequests } from '../../http/recorded';
import { sendJson, serve, type Fixture } from '../../http/fixture';
import { icaBackend } from './helpers';

/** What the ICA client sends, checked against the TES and console swaggers. */
describe('ica/client requests match the upstream specs', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('every client method, behind a path prefix', async () => {
    f = await serve((req, res) => {
      if (req.url?.endsWith('/v1/tokens')) return sendJson(res, 201, { access_token: 'a.b.c', token_type: 'Bearer' });
      sendJson(res, 200, { id: 'x' });
    });
    const b = icaBackend(`${f.url}ica/rest/`, 'KEY');
    const c = b.client;
    await c.listTaskRuns({ sort: 'timeCreated desc', names: 'a', status: 'Running', versions: 'v', acls: 'x', pageSize: 10, pageToken: 't' });
    await c.getTaskRun('r1');
    await c.createTaskRun({ name: 'n', execution: { image: { name: 'ubuntu', tag: 'latest' }, command: 'bash', args: ['-c', 'true'], environment: { resources: { type: 'standard', size: 'small' } }, retryLimit: 3 } });
    await c.launchTaskVersion('t1', 'v1', { name: 'n', arguments: { a: 'b' } });
    await c.abortTaskRun('r1');
    await c.heartbeatTaskRun('r1', { podName: 'p', nonce: 'n', lastHeartbeat: false, containerStatus: [{ name: 'main', state: { running: { startedAt: '2024-01-01T00:00:00Z' } } }] });
    await c.createToken('KEY');
    assert.ok(f.seen.every((r) => r.url.startsWith('/ica/rest/v1/')));
    const tokenCalls = f.seen.filter((r) => r.url.endsWith('/v1/tokens'));
    assert.ok(tokenCalls.every((r) => r.headers['x-api-key'] === 'KEY' && !r.headers.authorization));
    assert.ok(f.seen.filter((r) => !r.url.endsWith('/v1/tokens')).every((r) => r.headers.authorization === 'Bearer a.b.c'));
    assert.strictEqual(f.seen.find((r) => r.url.endsWith(':abort'))?.method, 'PUT');
    const specs = [loadSpec('ica/tes.swagger.libica-a01ed69.json'), loadSpec('ica/console.swagger.libica-a01ed69.json')];
    assert.strictEqual(checkRequests(f.seen, specs, { prefix: '/ica/rest/' }), f.seen.length);
  });
});
