/** How long a resumed run's stream waits for the panel to pick it up before it is closed. */
const UNCLAIMED_MS = 120_000;

interface Held<T> {
  readonly events: AsyncIterable<T>;
  readonly close: () => void;
  readonly controller: AbortController;
  readonly timer: NodeJS.Timeout;
}

/** A stream opened up to its first event, with the controller that owns it from then on. */
export interface OpenedStream<T> {
  readonly controller: AbortController;
  readonly it: AsyncIterator<T>;
  readonly first: IteratorResult<T>;
}

/**
 * Starts a stream and waits for its first event, so an error status reaches the caller. The caller's
 * `signal` may abort only while the stream opens; after that the returned controller owns it.
 */
export async function openFirst<T>(start: (signal: AbortSignal) => AsyncIterable<T>, signal?: AbortSignal): Promise<OpenedStream<T>> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const it = start(controller.signal)[Symbol.asyncIterator]();
  try {
    return { controller, it, first: await it.next() };
  } catch (e) {
    controller.abort();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Streams opened by an action (resume answers with the run's stream) and handed to the next
 * `streamOutput` of that run, so the panel follows the resumed run without joining twice.
 */
export class StreamHandoff<T> {
  private readonly held = new Map<string, Held<T>>();

  /**
   * Opens the stream and waits for its first event, so an error status (422 on a bad resume value)
   * reaches the caller instead of the panel.
   */
  async open(runId: string, start: (signal: AbortSignal) => AsyncIterable<T>, signal?: AbortSignal): Promise<void> {
    const { controller, it, first } = await openFirst(start, signal);
    const events = (async function* () {
      try {
        for (let r = first; !r.done; r = await it.next()) yield r.value;
      } finally {
        await it.return?.();
      }
    })();
    this.drop(runId);
    const timer = setTimeout(() => this.drop(runId), UNCLAIMED_MS);
    timer.unref?.();
    const close = (): void => void Promise.resolve(it.return?.()).catch(() => undefined);
    this.held.set(runId, { events, close, controller, timer });
  }

  /** The held stream of a run (once); aborting `signal` closes it. */
  take(runId: string, signal: AbortSignal): AsyncIterable<T> | undefined {
    const h = this.held.get(runId);
    if (!h) return undefined;
    this.held.delete(runId);
    clearTimeout(h.timer);
    signal.addEventListener('abort', () => h.controller.abort(), { once: true });
    return h.events;
  }

  drop(runId: string): void {
    const h = this.held.get(runId);
    if (!h) return;
    this.held.delete(runId);
    clearTimeout(h.timer);
    h.controller.abort();
    h.close();
  }

  dispose(): void {
    for (const id of [...this.held.keys()]) this.drop(id);
  }
}
