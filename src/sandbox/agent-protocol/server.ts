/** The simulated Agent Protocol server: routes at the server root. */
import type { ErrorRenderer } from '../common/errors';
import type { Prng } from '../common/prng';
import { FamilyServer, type Shared } from '../common/server';
import { apRouter } from './routes';
import { ApStore, seed } from './store';

const CODES: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 422: 'validation_error', 429: 'rate_limited', 500: 'internal_error', 503: 'unavailable' };

export const renderApError: ErrorRenderer = (status, message) => ({ body: JSON.stringify({ code: CODES[status] ?? `http_${status}`, message }), contentType: 'application/json' });

export interface ApServerOptions {
  runs: number;
  apiKey?: string;
  hostile: boolean;
}

export function createAgentProtocolServer(shared: Shared, rng: Prng, o: ApServerOptions): FamilyServer {
  const store = new ApStore(rng.fork('agent-protocol'));
  seed(store, o.runs, shared.clock.now(), o.hostile);
  return new FamilyServer(
    {
      kind: 'agentProtocol',
      router: apRouter(store, shared.clock),
      renderError: renderApError,
      authorize: o.apiKey === undefined ? undefined : (ctx) => (ctx.header('x-api-key') === o.apiKey ? undefined : 'Unauthorized: a valid x-api-key header is required'),
    },
    shared,
  );
}
