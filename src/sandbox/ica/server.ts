/** The simulated ICA server. Paths are those of the swagger (no basePath): `/v1/...` at the server root. */
import type { ErrorRenderer } from '../common/errors';
import { STATUS_TEXT } from '../common/errors';
import type { Prng } from '../common/prng';
import { FamilyServer, type Shared } from '../common/server';
import { IcaAuth } from './auth';
import { seedRun, seedVersions, type IcaRun } from './model';
import { icaRouter } from './routes';

export const renderIcaError: ErrorRenderer = (status, message) => ({
  body: JSON.stringify({ code: (STATUS_TEXT[status] ?? 'Error').replace(/ /g, ''), message, details: [] }),
  contentType: 'application/json',
});

export interface IcaServerOptions {
  runs: number;
  apiKey: string;
  ttlSeconds: number;
  hostile: boolean;
}

export function createIcaServer(shared: Shared, seed: Prng, o: IcaServerOptions): FamilyServer {
  const rng = seed.fork('ica');
  const now = shared.clock.now();
  const versions = seedVersions(rng, now);
  const runs = new Map<string, IcaRun>();
  for (let i = 0; i < o.runs; i++) {
    const run = seedRun(rng, i, now, versions, o.hostile);
    runs.set(run.id, run);
  }
  const auth = new IcaAuth(o.apiKey, rng.hex(32), o.ttlSeconds, () => shared.clock.now());
  return new FamilyServer(
    {
      kind: 'ica',
      router: icaRouter({ runs, versions, rng }, shared.clock, auth),
      renderError: renderIcaError,
      authorize: (ctx) => auth.check(ctx.header('authorization')),
      publicPaths: /^\/v1\/tokens\/?$/,
    },
    shared,
  );
}
