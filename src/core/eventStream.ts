import { BackendError, isBackendError } from './errors';
import type { OutputBatch, OutputEvent } from './model';
import { TextEvent } from './textEvent';

/** An event as a transport delivers it (structurally the http layer's SseEvent; core imports no transport). */
export interface RawStreamEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

export interface FollowOptions {
  readonly signal: AbortSignal;
  /** Start after this id (the caller's own Last-Event-ID). */
  readonly lastEventId?: string;
  /**
   * Whether the server replays from `Last-Event-ID`. `auto`: assume so once events carry ids
   * (a replay of ids already seen is then dropped, and a jump in numeric ids is reported as a gap).
   */
  readonly resumable: boolean | 'auto';
  /** Asked when a connection closes: true when the run is over (or waits for input) and no reconnect is due. */
  finished(): Promise<boolean>;
  /** Connections in a row that may fail or close early without delivering an event. */
  readonly maxReconnects?: number;
  readonly reconnectDelayMs?: number;
  /** Told about gaps, stalls and reconnects (the log). */
  readonly onProblem?: (message: string) => void;
  /**
   * A stream silent this long is checked (DESIGN section 4, "a stream that stalls"): a resumable one
   * reconnects after the last event (a stalled connection is replaced, a quiet one loses nothing, a run
   * that ended meanwhile delivers the rest and ends); a non-resumable one keeps waiting while the run is
   * active, and ends with a gap notice when it is over. Undefined: never.
   */
  readonly idleMs?: number;
}

/** Silence after which a live stream is checked, unless a backend is told otherwise. */
export const STREAM_IDLE_MS = 45_000;

/** Error codes worth a reconnect: the connection broke, not the request. */
const TRANSIENT = new Set(['network', 'timeout', 'server', 'bad-response', 'rate-limited']);

const IDLE = Symbol('idle');

/** Turns one transport event into the domain's OutputEvent; its data is parsed when first read (TextEvent). */
export function toOutputEvent(e: RawStreamEvent, time: Date = new Date()): OutputEvent {
  return new TextEvent(e.event || 'message', e.data, e.id, time);
}

function gap(reason: string): OutputBatch {
  return [{ type: 'gap', time: new Date(), data: { reason } }];
}

/** The next item, or IDLE when none came within `ms` (the pending promise is kept for the next call). */
function withIdle<T>(next: Promise<T>, ms: number | undefined): Promise<T | typeof IDLE> {
  if (ms === undefined) return next;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), ms)));
  return Promise.race([next, idle]).finally(() => clearTimeout(timer));
}

/**
 * Follows a server-sent event stream across dropped connections (DESIGN section 4): reconnects with
 * Last-Event-ID where the server replays, otherwise re-joins and yields a `gap` event so the user knows
 * output may be missing. A stream that goes silent is checked (see `idleMs`). Ends when the run is over
 * or the signal aborts (never throws on abort). Works in batches (the events of one network chunk), so
 * its per-item costs (an await, an idle timer) are paid per chunk, not per event.
 */
export async function* followEventStream(
  open: (lastEventId: string | undefined, signal: AbortSignal) => AsyncIterable<readonly RawStreamEvent[]>,
  options: FollowOptions,
): AsyncGenerator<OutputBatch> {
  const { signal } = options;
  const maxReconnects = options.maxReconnects ?? 5;
  let lastId = options.lastEventId;
  let sawIds = lastId !== undefined;
  let failures = 0;
  let connected = false;
  for (;;) {
    if (signal.aborted) return;
    const replay = options.resumable === true || (options.resumable === 'auto' && sawIds);
    let delivered = 0;
    let dropped: unknown;
    let stalled = false;
    // Each connection has its own abort, so a stalled one can be closed without ending the follow.
    const connection = new AbortController();
    const connSignal = AbortSignal.any([signal, connection.signal]);
    const it = open(replay ? lastId : undefined, connSignal)[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<readonly RawStreamEvent[]>> | undefined;
    try {
      for (;;) {
        pending ??= it.next();
        const step = await withIdle(pending, options.idleMs);
        if (step === IDLE) {
          if (signal.aborted) return;
          const resumes = options.resumable === true || (options.resumable === 'auto' && sawIds);
          if (resumes && lastId !== undefined) {
            // A fresh connection replays what this one held back, and ends at once if the run is over.
            stalled = true;
            break;
          }
          // Without replay a re-join could lose events: keep listening unless the run is over.
          if (await options.finished()) {
            options.onProblem?.(`no events for ${seconds(options.idleMs)} and the run is over; closing the silent stream`);
            yield gap(`the stream went silent for ${seconds(options.idleMs)} and the run ended; some output may be missing`);
            return;
          }
          continue;
        }
        pending = undefined;
        if (step.done) break;
        const out: OutputEvent[] = [];
        const now = new Date(); // events of one chunk arrived together
        for (const raw of step.value) {
          const id = raw.id !== undefined && raw.id !== '' ? raw.id : undefined;
          if (id !== undefined && lastId !== undefined && connected) {
            if (isReplayed(id, lastId)) continue;
            if (delivered === 0 && replay && jumps(id, lastId)) out.push(...gap(`events after id ${lastId} up to ${id} were not replayed`));
          }
          if (id !== undefined) {
            lastId = id;
            sawIds = true;
          }
          delivered++;
          out.push(toOutputEvent(raw, now));
        }
        if (signal.aborted) return;
        if (out.length) yield out;
      }
    } catch (e) {
      if (signal.aborted || (isBackendError(e) && e.code === 'aborted')) return;
      if (!isBackendError(e) || !TRANSIENT.has(e.code)) throw e;
      dropped = e;
    } finally {
      // Leaving (break, return, error, the caller stopping) closes this connection.
      connection.abort();
      if (pending) await pending.catch(() => undefined);
      await it.return?.()?.catch?.(() => undefined);
    }
    connected = true;
    if (signal.aborted) return;
    if (stalled) {
      // Not a failure: the server replays, so a fresh connection loses nothing (a quiet run just reconnects).
      options.onProblem?.(`no events for ${seconds(options.idleMs)}; reconnecting after event ${lastId}`);
      continue;
    }
    if (dropped === undefined && (await options.finished())) return;
    failures = delivered > 0 ? 1 : failures + 1;
    if (failures > maxReconnects) {
      if (dropped !== undefined) throw dropped;
      throw new BackendError('network', `the stream kept closing before the run ended (${maxReconnects} reconnects)`);
    }
    const resumes = options.resumable === true || (options.resumable === 'auto' && sawIds);
    const why = dropped !== undefined ? `the stream broke (${(dropped as Error).message})` : 'the stream closed before the run ended';
    options.onProblem?.(`${why}; reconnecting${resumes && lastId !== undefined ? ` after event ${lastId}` : ''}`);
    if (!resumes || lastId === undefined) yield gap(`${why}; re-joined, some output may be missing`);
    if (!(await pause((options.reconnectDelayMs ?? 250) * failures, signal))) return;
  }
}

function seconds(ms: number | undefined): string {
  return `${Math.round((ms ?? 0) / 100) / 10} s`;
}

/** True when `id` was already delivered (a server that ignored Last-Event-ID and replayed). */
function isReplayed(id: string, lastId: string): boolean {
  const [a, b] = [Number(id), Number(lastId)];
  if (Number.isInteger(a) && Number.isInteger(b)) return a <= b;
  return id === lastId;
}

function jumps(id: string, lastId: string): boolean {
  const [a, b] = [Number(id), Number(lastId)];
  return Number.isInteger(a) && Number.isInteger(b) && a > b + 1;
}

/** Resolves false when aborted first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
