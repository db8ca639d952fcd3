import * as assert from 'assert';
import { startSandbox } from '../../../src/sandbox';
import { call } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;

describe('sandbox: data', function () {
  this.timeout(30_000);

  it('is deterministic for a seed (ids and names), and differs across seeds', async () => {
    const names = async (seed: number): Promise<string[]> => {
      const sb = await startSandbox({ seed, runs: 10 });
      try {
        const kfp = (((await call(`${sb.urls.kfp}apis/v2beta1/runs?sort_by=name`)).json as Json).runs as Json[]).map((r) => `${String(r.run_id)} ${String(r.display_name)}`);
        const acp = ((await call(`${sb.urls.acp}runs/search`, { body: { limit: 100 } })).json as Json[]).map((r) => String(r.run_id)).sort();
        return [...kfp, ...acp, sb.icaApiKey];
      } finally {
        await sb.close();
      }
    };
    assert.deepStrictEqual(await names(42), await names(42));
    assert.notDeepStrictEqual(await names(42), await names(43));
  });

  it('starts 10000 runs per backend quickly and pages them', async () => {
    const t0 = Date.now();
    const sb = await startSandbox({ runs: 10_000 });
    try {
      const startMs = Date.now() - t0;
      assert.ok(startMs < 5_000, `start took ${startMs} ms`);
      const r = (await call(`${sb.urls.kfp}apis/v2beta1/runs?page_size=100`)).json as Json;
      assert.strictEqual(r.total_size, 10_000);
      const tok = (await call(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': sb.icaApiKey } })).json as Json;
      const i = (await call(`${sb.urls.ica}v1/tasks/runs?pageSize=1000`, { headers: { authorization: `Bearer ${String(tok.access_token)}` } })).json as Json;
      assert.strictEqual(i.totalItemCount, 10_000);
      assert.strictEqual(((await call(`${sb.urls.agentProtocol}runs/search`, { body: { limit: 1000 } })).json as Json[]).length, 1000);
    } finally {
      await sb.close();
    }
  });

  it('puts hostile strings in names only when asked', async () => {
    const plain = await startSandbox({ runs: 20 });
    const hostile = await startSandbox({ runs: 20, hostile: true });
    try {
      const text = async (u: string): Promise<string> => (await call(`${u}apis/v2beta1/runs?page_size=100`)).text;
      assert.ok(!(await text(plain.urls.kfp)).includes('<img'));
      assert.ok((await text(hostile.urls.kfp)).includes('<'));
    } finally {
      await plain.close();
      await hostile.close();
    }
  });
});
