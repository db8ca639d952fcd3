import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One server-sent event as dispatched by the SSE rules (WHATWG HTML, 9.2). */
export interface SseEvent {
  readonly id?: string;
  /** `message` when the server sent no `event:` field. */
  readonly event: string;
  /** Multi-line `data:` fields joined with `\n`. */
  readonly data: string;
  /** Reconnection delay the server asked for (`retry:` seen since the previous event). */
  readonly retry?: number;
}

/** The events one chunk of bytes completed (never empty). */
export type SseBatch = readonly SseEvent[];

/** Something wrong in the stream that does not end it (reported, never fatal). */
export interface SseProblem {
  readonly kind: 'truncated' | 'parse';
  readonly message: string;
}

export interface ReadSseOptions {
  readonly onProblem?: (problem: SseProblem) => void;
  /** Largest event kept in memory; a bigger one is reported and dropped by the parser. */
  readonly maxEventBytes?: number;
}

/**
 * Turns a byte stream into SSE events, in batches: the events each chunk of bytes completes, so the layers
 * above pay their per-item cost (an async hand-off, an idle check) once per chunk, not once per event.
 * The stream ends cleanly when the source ends; a partial event at the end (connection cut mid-event) is
 * dropped, as the SSE rules say, and reported as `truncated`. Errors of the source (including aborts)
 * propagate; the caller decides what they mean.
 */
export async function* readSse(source: AsyncIterable<Buffer | string>, options: ReadSseOptions = {}): AsyncGenerator<SseBatch> {
  let batch: SseEvent[] = [];
  let retry: number | undefined;
  let pending = ''; // text since the last blank line, to tell a clean end from a cut
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => {
      batch.push(sseEvent(m, retry));
      retry = undefined;
    },
    onRetry: (ms) => {
      retry = ms;
    },
    onError: (e) => options.onProblem?.({ kind: 'parse', message: e.message }),
    ...(options.maxEventBytes ? { maxBufferSize: options.maxEventBytes } : {}),
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    pending = lastBlock(pending, text);
    parser.feed(text);
    if (batch.length) {
      const out = batch;
      batch = [];
      yield out;
    }
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail);
  if (batch.length) yield batch;
  if (/^(data|event|id):?/m.test(pending)) {
    options.onProblem?.({ kind: 'truncated', message: `stream ended in the middle of an event (${pending.length} bytes dropped)` });
  }
}

/** Built without spreads: this runs once per event. */
function sseEvent(m: EventSourceMessage, retry: number | undefined): SseEvent {
  const e: { id?: string; event: string; data: string; retry?: number } = { event: m.event || 'message', data: m.data };
  if (m.id !== undefined) e.id = m.id;
  if (retry !== undefined) e.retry = retry;
  return e;
}

/**
 * The text after the last event boundary (blank line) of `pending + text`; only its start and its last
 * bytes matter. Looks in the new chunk first, so a long stream is not copied and scanned twice per chunk.
 */
function lastBlock(pending: string, text: string): string {
  const own = afterBoundary(text);
  const rest = own !== undefined ? own : (afterBoundary(pending + text) ?? pending + text);
  return rest.length > 65_536 ? rest.slice(0, 1024) + rest.slice(-4) : rest;
}

/** The text after its last blank line (LF LF, CR CR or CRLF CRLF), or undefined when it has none. */
function afterBoundary(text: string): string | undefined {
  const lf = text.lastIndexOf('\n\n');
  // A CR or CRLF boundary after the last LF LF one can only be in what follows it (usually a few bytes).
  const from = lf < 0 ? 0 : lf + 2;
  const tail = lf < 0 ? text : text.slice(from);
  const crlf = tail.lastIndexOf('\r\n\r\n');
  const cr = tail.lastIndexOf('\r\r');
  if (crlf < 0 && cr < 0) return lf < 0 ? undefined : tail;
  return crlf >= cr ? tail.slice(crlf + 4) : tail.slice(cr + 2);
}
