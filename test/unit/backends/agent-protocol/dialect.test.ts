import * as assert from 'assert';
import { Dialect, RECHECK_MISSING_MS } from '../../../../src/backends/agent-protocol/dialect';
import { BackendError, isBackendError, NULL_LOGGER } from '../../../../src/core';

const notFound = (): BackendError => new BackendError('not-found', 'AP at test: 404 Not Found', { status: 404 });

describe('Agent Protocol dialect (which routes a server has)', () => {
  it('takes a 404 on an existing resource as a missing route, names it, and stops calling it', async () => {
    let t = 0;
    const d = new Dialect('AP at test', NULL_LOGGER, () => t);
    let calls = 0;
    const missing = async (): Promise<string> => {
      calls++;
      throw notFound();
    };
    const exists = async (): Promise<boolean> => true;
    await assert.rejects(d.call('runs.wait', missing, exists), (e: unknown) => isBackendError(e) && e.code === 'unsupported' && /no wait endpoint \(GET \/runs\/\{run_id\}\/wait\)/.test(e.message));
    assert.strictEqual(d.supports('runs.wait'), false);
    t += RECHECK_MISSING_MS - 1;
    await assert.rejects(d.call('runs.wait', missing, exists), (e: unknown) => isBackendError(e) && e.code === 'unsupported');
    assert.strictEqual(calls, 1, 'not called again while known missing');
  });

  it('tries a missing route again after a while: a stray 404 or an upgraded server does not stick', async () => {
    let t = 0;
    const d = new Dialect('AP at test', NULL_LOGGER, () => t);
    let up = false;
    const route = async (): Promise<string> => {
      if (!up) throw notFound();
      return 'ok';
    };
    await assert.rejects(d.call('runs.cancel', route, async () => true));
    up = true;
    t += RECHECK_MISSING_MS;
    assert.strictEqual(d.supports('runs.cancel'), undefined, 'due a retry');
    assert.strictEqual(await d.call('runs.cancel', route, async () => true), 'ok');
    assert.strictEqual(d.supports('runs.cancel'), true);
  });

  it('a 404 whose resource is gone is the resource missing, not the route', async () => {
    const d = new Dialect('AP at test', NULL_LOGGER);
    await assert.rejects(d.call('runs.wait', async () => { throw notFound(); }, async () => false), (e: unknown) => isBackendError(e) && e.code === 'not-found');
    assert.strictEqual(d.supports('runs.wait'), undefined);
  });
});
