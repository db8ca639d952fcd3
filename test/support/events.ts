// Streams hand events on in batches (core OutputBatch, http SseBatch); most tests look at the events.

/** The events of a batched stream, one at a time (stopping early closes the stream). */
export async function* eachEvent<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** The first `max` events of a batched stream (the stream is closed once they are in). */
export async function collectEvents<T>(batches: AsyncIterable<readonly T[]>, max = 1000): Promise<T[]> {
  const out: T[] = [];
  for await (const e of eachEvent(batches)) {
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}
