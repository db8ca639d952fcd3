/** The simulated KFP server: API server routes plus the UI server's pod-log route, at the server root. */
import type { SimClock } from '../common/clock';
import type { Prng } from '../common/prng';
import { FamilyServer, type Shared } from '../common/server';
import type { ErrorRenderer } from '../common/errors';
import { kfpRouter } from './routes';
import { KfpStore } from './store';

/** HTTP status -> google.rpc.Code, as grpc-gateway maps them back. */
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 409: 6, 413: 3, 429: 8, 499: 1, 500: 13, 501: 12, 503: 14, 504: 4 };

export const renderKfpError: ErrorRenderer = (status, message) => ({
  body: JSON.stringify({ code: GRPC_CODE[status] ?? 2, message, details: [] }),
  contentType: 'application/json',
});

export interface KfpServerOptions {
  runs: number;
  tasksApi: boolean;
  token?: string;
  hostile: boolean;
}

export function createKfpServer(shared: Shared & { clock: SimClock }, rng: Prng, o: KfpServerOptions): FamilyServer {
  const store = new KfpStore(rng, o.runs, shared.clock.now(), o.hostile);
  return new FamilyServer(
    {
      kind: 'kfp',
      router: kfpRouter(store, shared.clock, { tasksApi: o.tasksApi }),
      renderError: renderKfpError,
      authorize: o.token === undefined ? undefined : (ctx) => {
        const h = ctx.header('authorization');
        if (!h) return 'Unauthenticated: missing authorization header (Bearer token)';
        if (h !== `Bearer ${o.token}`) return 'Unauthenticated: invalid bearer token';
        return undefined;
      },
    },
    shared,
  );
}
