import { BackendError, isBackendError, type Logger } from '../../core';

/** Routes that not every Agent Protocol server has (no upstream version has all the seed routes). */
export type ApRoute =
  | 'runs.search'
  | 'threads.runs'
  | 'threads.search'
  | 'runs.stream'
  | 'runs.wait'
  | 'runs.cancel'
  | 'runs.updateStream'
  | 'runs.updateWait'
  | 'runs.createStream'
  | 'runs.createWait'
  | 'agents.search';

const WHAT: Readonly<Record<ApRoute, string>> = {
  'runs.search': 'run search endpoint (POST /runs/search)',
  'threads.runs': 'thread runs endpoint (GET /threads/{thread_id}/runs)',
  'threads.search': 'thread search endpoint (POST /threads/search)',
  'runs.stream': 'run stream endpoint (GET /runs/{run_id}/stream)',
  'runs.wait': 'wait endpoint (GET /runs/{run_id}/wait)',
  'runs.cancel': 'cancel endpoint (POST /runs/{run_id}/cancel)',
  'runs.updateStream': 'resume endpoint (POST /runs/{run_id}/stream, Agent Protocol PR #55)',
  'runs.updateWait': 'resume-and-wait endpoint (POST /runs/{run_id}/wait, Agent Protocol PR #55)',
  'runs.createStream': 'create-and-stream endpoint (POST /runs/stream)',
  'runs.createWait': 'create-and-wait endpoint (POST /runs/wait)',
  'agents.search': 'agent search endpoint (POST /agents/search)',
};

/**
 * What this server turned out to support. A route answered 405/501, or 404 while the resource it names
 * exists (`probe`), is missing: it is remembered and reported as `unsupported` with a plain sentence
 * instead of a raw 404, and callers fall back to the alternative route.
 */
export class Dialect {
  private readonly known = new Map<ApRoute, boolean>();

  constructor(
    private readonly label: string,
    private readonly log: Logger,
  ) {}

  /** true / false once learned; undefined before the first call. */
  supports(route: ApRoute): boolean | undefined {
    return this.known.get(route);
  }

  unsupported(route: ApRoute, cause?: unknown): BackendError {
    return new BackendError('unsupported', `${this.label}: this server has no ${WHAT[route]}`, { ...(cause ? { cause } : {}) });
  }

  /**
   * Calls a route. `probe` is asked after a 404 when the path names a resource: it resolves true when
   * that resource exists (so the 404 was about the route). Routes without a resource need no probe.
   */
  async call<T>(route: ApRoute, call: () => Promise<T>, probe?: () => Promise<boolean>): Promise<T> {
    if (this.known.get(route) === false) throw this.unsupported(route);
    try {
      const value = await call();
      this.learn(route, true);
      return value;
    } catch (e) {
      if (await this.isMissing(route, e, probe)) {
        this.learn(route, false);
        throw this.unsupported(route, e);
      }
      throw e;
    }
  }

  /** Like `call` for SSE routes: the first event is awaited inside, so a missing route is told apart. */
  async *stream<T>(route: ApRoute, open: () => AsyncIterable<T>, probe?: () => Promise<boolean>): AsyncGenerator<T> {
    if (this.known.get(route) === false) throw this.unsupported(route);
    const it = open()[Symbol.asyncIterator]();
    let first: IteratorResult<T>;
    try {
      first = await it.next();
      this.learn(route, true);
    } catch (e) {
      if (await this.isMissing(route, e, probe)) {
        this.learn(route, false);
        throw this.unsupported(route, e);
      }
      throw e;
    }
    try {
      for (let r = first; !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }

  private async isMissing(route: ApRoute, e: unknown, probe?: () => Promise<boolean>): Promise<boolean> {
    if (!isBackendError(e)) return false;
    const status = e.details.status;
    if (status === 405 || status === 501) return true;
    if (status !== 404 || this.known.get(route) === true) return false;
    if (!probe) return true;
    try {
      return await probe();
    } catch {
      return false;
    }
  }

  private learn(route: ApRoute, present: boolean): void {
    if (this.known.get(route) === present) return;
    this.known.set(route, present);
    this.log.info(`${this.label}: ${present ? 'has' : 'has no'} ${WHAT[route]}`);
  }
}
