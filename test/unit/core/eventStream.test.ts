import * as assert from 'assert';
import { BackendError, followEventStream, offsetWindow, matchesText, toOutputEvent, type OutputEvent, type RawStreamEvent } from '../../../src/core';

type Script = (lastEventId: string | undefined) => RawStreamEvent[] | Error;

/** A fake transport: each connection plays the next script entry (events, then a clean end, or an error). */
function source(scripts: Script[], seen: (string | undefined)[]) {
  let n = 0;
  return async function* (lastEventId: string | undefined): AsyncGenerator<readonly RawStreamEvent[]> {
    seen.push(lastEventId);
    const played = scripts[Math.min(n++, scripts.length - 1)](lastEventId);
    if (played instanceof Error) throw played;
    // Two events a chunk, as a network would split them.
    for (let i = 0; i < played.length; i += 2) yield played.slice(i, i + 2);
  };
}

async function run(scripts: Script[], opts: { resumable: boolean | 'auto'; lastEventId?: string; finishedAfter?: number }) {
  const seen: (string | undefined)[] = [];
  const problems: string[] = [];
  let checks = 0;
  const events: OutputEvent[] = [];
  const batches: number[] = [];
  for await (const batch of followEventStream(source(scripts, seen), {
    signal: new AbortController().signal,
    resumable: opts.resumable,
    lastEventId: opts.lastEventId,
    reconnectDelayMs: 1,
    finished: async () => ++checks >= (opts.finishedAfter ?? 1),
    onProblem: (m) => problems.push(m),
  })) {
    batches.push(batch.length);
    events.push(...batch);
  }
  return { events, seen, problems, batches };
}

const ev = (id: string | undefined, data = `{"n":${id ?? 0}}`, event = 'values'): RawStreamEvent => ({ ...(id !== undefined ? { id } : {}), event, data });

describe('core followEventStream', () => {
  it('keeps the text as sent, parses JSON data when read, and marks other text malformed (not fatal)', async () => {
    const { events, batches } = await run([() => [ev('1'), ev('2', 'not json {'), ev('3')]], { resumable: 'auto' });
    assert.deepStrictEqual(batches, [2, 1], 'one batch per chunk');
    assert.deepStrictEqual(events.map((e) => e.text), ['{"n":1}', 'not json {', '{"n":3}']);
    assert.deepStrictEqual(events.map((e) => [e.id, e.type, e.data, e.malformed ?? false]), [['1', 'values', { n: 1 }, false], ['2', 'values', 'not json {', true], ['3', 'values', { n: 3 }, false]]);
    assert.deepStrictEqual(toOutputEvent({ event: '', data: '' }).type, 'message');
    assert.deepStrictEqual([toOutputEvent({ event: 'x', data: ' ' }).data, toOutputEvent({ event: 'x', data: ' ' }).malformed], [' ', false], 'blank data is not malformed');
  });

  it('reconnects after a closed stream with Last-Event-ID and drops what the server replays again', async () => {
    const { events, seen } = await run([() => [ev('0'), ev('1')], () => [ev('0'), ev('1'), ev('2'), ev('3')]], { resumable: 'auto', finishedAfter: 2 });
    assert.deepStrictEqual(seen, [undefined, '1']);
    assert.deepStrictEqual(events.map((e) => e.id), ['0', '1', '2', '3']);
    assert.ok(!events.some((e) => e.type === 'gap'));
  });

  it('reports a gap when the server skips ids after a reconnect', async () => {
    const { events } = await run([() => [ev('0'), ev('1')], () => [ev('5'), ev('6')]], { resumable: 'auto', finishedAfter: 2 });
    assert.deepStrictEqual(events.map((e) => e.type), ['values', 'values', 'gap', 'values', 'values']);
    assert.match(JSON.stringify(events[2].data), /after id 1 up to 5/);
  });

  it('re-joins without ids and marks the gap', async () => {
    const { events, seen } = await run([() => [ev(undefined)], () => [ev(undefined, '{"late":true}')]], { resumable: 'auto', finishedAfter: 2 });
    assert.deepStrictEqual(seen, [undefined, undefined]);
    assert.deepStrictEqual(events.map((e) => e.type), ['values', 'gap', 'values']);
  });

  it('sends the caller Last-Event-ID first and reconnects after transient errors', async () => {
    const broke = new BackendError('network', 'socket hang up');
    const { events, seen } = await run([() => [ev('4')], () => broke, () => [ev('5')]], { resumable: true, lastEventId: '3', finishedAfter: 2 });
    assert.deepStrictEqual(seen, ['3', '4', '4']);
    assert.deepStrictEqual(events.map((e) => e.id), ['4', '5']);
  });

  it('throws lasting errors, and gives up after too many empty reconnects', async () => {
    await assert.rejects(run([() => new BackendError('not-found', 'gone')], { resumable: true }), /gone/);
    const seen: (string | undefined)[] = [];
    const never = followEventStream(source([() => []], seen), { signal: new AbortController().signal, resumable: true, finished: async () => false, maxReconnects: 2, reconnectDelayMs: 1 });
    await assert.rejects(
      (async () => {
        for await (const _ of never) {
          // nothing
        }
      })(),
      /kept closing/,
    );
    assert.strictEqual(seen.length, 3);
  });

  it('ends quietly on abort, also while waiting to reconnect', async () => {
    const controller = new AbortController();
    const got: OutputEvent[] = [];
    const stream = followEventStream(source([() => [ev('1')], () => []], []), { signal: controller.signal, resumable: true, finished: async () => false, reconnectDelayMs: 10_000 });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    for await (const batch of stream) got.push(...batch);
    assert.strictEqual(got.length, 1);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('core offset paging', () => {
  it('asks for one extra item to know the last page', () => {
    const w = offsetWindow({ pageSize: 3, cursor: '6' });
    assert.deepStrictEqual([w.offset, w.limit], [6, 4]);
    assert.deepStrictEqual(w.slice([1, 2, 3, 4]), { items: [1, 2, 3], next: '9' });
    assert.deepStrictEqual(w.slice([1, 2]), { items: [1, 2] });
    const capped = offsetWindow({ pageSize: 5000 });
    assert.deepStrictEqual([capped.offset, capped.limit], [0, 1000]);
    assert.strictEqual(capped.slice(new Array(1000).fill(0)).next, '1000');
    assert.strictEqual(offsetWindow({ pageSize: 10, cursor: 'junk' }).offset, 0);
  });

  it('matches filter text case-insensitively in any field', () => {
    assert.ok(matchesText(undefined, []));
    assert.ok(matchesText(' ABC ', [undefined, 'xxabcxx']));
    assert.ok(!matchesText('abc', ['ab', undefined]));
  });
});
