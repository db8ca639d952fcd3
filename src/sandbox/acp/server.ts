/** The simulated ACP v0.1 server: routes at the server root. */
import type { ErrorRenderer } from '../common/errors';
import type { Prng } from '../common/prng';
import { FamilyServer, type Shared } from '../common/server';
import { acpRouter } from './routes';
import { seedRuns } from './store';

/** ACP v0.1's ErrorResponse is a plain JSON string. */
export const renderAcpError: ErrorRenderer = (_status, message) => ({ body: JSON.stringify(message), contentType: 'application/json' });

export interface AcpServerOptions {
  runs: number;
  apiKey?: string;
  hostile: boolean;
}

export function createAcpServer(shared: Shared, seed: Prng, o: AcpServerOptions): FamilyServer {
  const rng = seed.fork('acp');
  const runs = seedRuns(rng, o.runs, shared.clock.now(), o.hostile);
  return new FamilyServer(
    {
      kind: 'acp',
      router: acpRouter(runs, shared.clock, rng),
      renderError: renderAcpError,
      authorize: o.apiKey === undefined ? undefined : (ctx) => (ctx.header('x-api-key') === o.apiKey ? undefined : 'Unauthorized: a valid x-api-key header is required'),
    },
    shared,
  );
}
