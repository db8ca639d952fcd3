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

/** How long a route found missing is taken as missing before it is tried again. */
export const RECHECK_MISSING_MS = 10 * 60_000;

/**
 * What this server turned out to support. A route answered 405/501, or 404 while the resource it names
 * exists (`probe`), is missing: it is remembered and reported as `unsupported` with a plain sentence
 * instead of a raw 404, and callers fall back to the alternative route. "Missing" is tried again after
 * RECHECK_MISSING_MS: a stray 404 (a proxy, a server restarting) or an upgraded server is not stuck with it.
 */
export class Dialect {
  private readonly learned = new Map<ApRoute, { readonly present: boolean; readonly at: number }>();

  constructor(
    private readonly label: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** true / false once learned; undefined before the first call (and once a "missing" is due a retry). */
  supports(route: ApRoute): boolean | undefined {
    const l = this.learned.get(route);
    if (!l) return undefined;
    if (!l.present && this.now() - l.at >= RECHECK_MISSING_MS) return undefined;
    return l.present;
  }

  unsupported(route: ApRoute, cause?: unknown): BackendError {
    return new BackendError('unsupported', `${this.label}: this server has no ${WHAT[route]}`, { ...(cause ? { cause } : {}) });
  }

  /**
   * Calls a route. `probe` is asked after a 404 when the path names a resource: it resolves true when
   * that resource exists (so the 404 was about the route). Routes without a resource need no probe.
   */
  async call<T>(route: ApRoute, call: () => Promise<T>, probe?: () => Promise<boolean>): Promise<T> {
    if (this.supports(route) === false) throw this.unsupported(route);
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
    if (this.supports(route) === false) throw this.unsupported(route);
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
    if (status !== 404 || this.supports(route) === true) return false;
    if (!probe) return true;
    try {
      return await probe();
    } catch {
      return false;
    }
  }

  private learn(route: ApRoute, present: boolean): void {
    const before = this.learned.get(route)?.present;
    this.learned.set(route, { present, at: this.now() });
    if (before !== present) this.log.info(`${this.label}: ${present ? 'has' : 'has no'} ${WHAT[route]}`);
  }
}
