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
 * Turns a byte stream into SSE events. The stream ends cleanly when the source ends; a partial event at
 * the end (connection cut mid-event) is dropped, as the SSE rules say, and reported as `truncated`.
 * Errors of the source (including aborts) propagate; the caller decides what they mean.
 */
export async function* readSse(source: AsyncIterable<Buffer | string>, options: ReadSseOptions = {}): AsyncGenerator<SseEvent> {
  const queue: SseEvent[] = [];
  let retry: number | undefined;
  let pending = ''; // text since the last blank line, to tell a clean end from a cut
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => {
      queue.push({ ...(m.id !== undefined ? { id: m.id } : {}), event: m.event || 'message', data: m.data, ...(retry !== undefined ? { retry } : {}) });
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
    pending = lastBlock(pending + text);
    parser.feed(text);
    while (queue.length) yield queue.shift() as SseEvent;
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail);
  while (queue.length) yield queue.shift() as SseEvent;
  if (/^(data|event|id):?/m.test(pending)) {
    options.onProblem?.({ kind: 'truncated', message: `stream ended in the middle of an event (${pending.length} bytes dropped)` });
  }
}

/** The text after the last event boundary (blank line); only its start and its last bytes matter. */
function lastBlock(text: string): string {
  const end = Math.max(text.lastIndexOf('\n\n'), text.lastIndexOf('\r\r'), text.lastIndexOf('\r\n\r\n'));
  const sep = end < 0 ? 0 : text.startsWith('\r\n\r\n', end) ? 4 : 2;
  const rest = end < 0 ? text : text.slice(end + sep);
  return rest.length > 65_536 ? rest.slice(0, 1024) + rest.slice(-4) : rest;
}
