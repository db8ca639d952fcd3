/** Why a backend call failed, in terms the UI can act on (offer Set Credentials, Retry, Refresh...). */
export type BackendErrorCode =
  | 'auth' // 401/403: credentials missing, wrong or expired
  | 'not-found' // 404 on a resource
  | 'unsupported' // the server lacks this route or operation
  | 'rejected' // 400/409/422: the server refused the request (e.g. a resume payload)
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'timeout' // no answer in time
  | 'network' // connection refused, DNS, TLS
  | 'bad-response' // not JSON, wrong shape, too large
  | 'unknown-outcome' // a POST timed out: it may or may not have taken effect
  | 'aborted'; // the caller aborted

/**
 * Marks BackendErrors across bundles: the backends are their own bundle (dist/backends.js, loaded on first
 * use), so the UI's BackendError class is not the one that threw, and `instanceof` would say no.
 */
const BRAND = Symbol.for('runsExplorer.BackendError');

/** The one error type the UI sees from a Backend; its message is already user-facing and secret-free. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  readonly [BRAND] = true;
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly retryAfterMs?: number;
      readonly serverMessage?: string;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message);
  }
}

/** Use this, never `instanceof BackendError` (see BRAND). */
export function isBackendError(e: unknown): e is BackendError {
  return typeof e === 'object' && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}

/** A message for any thrown value, for places that must show something. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

/**
 * An id the server must send. Without it a run cannot be opened or acted on (and rows would collide),
 * so a missing one is a clear bad response, never a crash deeper down.
 */
export function requiredId(value: unknown, field: string, server: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new BackendError('bad-response', `${server} sent a run without "${field}": the response is not usable`);
}
