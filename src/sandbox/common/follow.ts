import type { SimClock } from './clock';
import type { SseEvent, SseWriter } from './sse';

/** The wire events of a run so far (append-only, so an index is a stable cursor) and whether it stopped. */
export interface WireSnapshot {
  events: SseEvent[];
  settled: boolean;
  /** Simulated time of the next change, when still moving. */
  nextAt?: number;
}

/**
 * Sends the events from index `from` on, following the run until it settles (interrupt or end), the
 * client leaves, or the sandbox closes. Returns true when the run settled.
 */
export async function pump(writer: SseWriter, clock: SimClock, signal: AbortSignal, snapshot: (now: number) => WireSnapshot, from: number): Promise<boolean> {
  let next = from;
  for (;;) {
    if (writer.closed || clock.isClosed) return false;
    if (writer.stalled) {
      await untilAborted(signal);
      return false;
    }
    const snap = snapshot(clock.now());
    for (; next < snap.events.length && !writer.closed && !writer.stalled; next++) writer.send(snap.events[next]);
    if (writer.closed) return false;
    if (snap.settled && next >= snap.events.length) return true;
    if (writer.stalled) continue;
    await clock.sleep(snap.nextAt, undefined, signal);
  }
}

export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Index after the event whose id is `lastId` (SSE Last-Event-ID); -1 or unknown ids replay from the start. */
export function indexAfter(events: SseEvent[], lastId: string | undefined): number {
  if (lastId === undefined) return events.length;
  const i = events.findIndex((e) => e.id === lastId);
  if (i >= 0) return i + 1;
  const n = Number(lastId);
  if (Number.isFinite(n)) return events.filter((e) => e.id !== undefined && Number(e.id) <= n).length;
  return 0;
}
