import * as assert from 'assert';
import { clampMaxEvents, DEFAULT_MAX_EVENTS, EventBuffer } from '../../../src/shared/eventBuffer';
import { droppedNotice } from '../../../src/webview/l10n';

describe('webview: output event buffer (bounded memory)', () => {
  it('keeps events in order while under the bound', () => {
    const b = new EventBuffer<number>(100);
    b.pushAll([1, 2, 3]);
    b.push(4);
    assert.deepStrictEqual(b.toArray(), [1, 2, 3, 4]);
    assert.strictEqual(b.length, 4);
    assert.strictEqual(b.dropped, 0);
    assert.strictEqual(b.firstSeq, 0);
    assert.strictEqual(droppedNotice(b.dropped, b.max), undefined);
  });

  it('drops the oldest events past the bound, counts them, and says so', () => {
    const b = new EventBuffer<number>(100);
    const dropped = b.pushAll(Array.from({ length: 250 }, (_, i) => i));
    assert.strictEqual(dropped, 150);
    assert.strictEqual(b.length, 100);
    assert.strictEqual(b.dropped, 150);
    assert.strictEqual(b.firstSeq, 150);
    assert.strictEqual(b.total, 250);
    assert.strictEqual(b.at(0), 150);
    assert.strictEqual(b.at(99), 249);
    assert.strictEqual(b.at(100), undefined);
    assert.strictEqual(b.at(-1), undefined);
    assert.deepStrictEqual(b.slice(98), [248, 249]);
    assert.match(droppedNotice(b.dropped, b.max) ?? '', /^150 older events dropped .*last 100.*runsExplorer\.output\.maxEvents/);
    assert.match(droppedNotice(1, 100) ?? '', /^1 older event dropped/);
  });

  it('holds 100,000 events in bounded memory, fast, without spreading arguments', () => {
    const b = new EventBuffer<{ seq: number }>(DEFAULT_MAX_EVENTS);
    const t0 = Date.now();
    const events = Array.from({ length: 100000 }, (_, seq) => ({ seq }));
    b.pushAll(events);
    for (let i = 0; i < 1000; i++) b.push({ seq: 100000 + i });
    assert.ok(Date.now() - t0 < 1000, 'pushing 101k events takes well under a second');
    assert.strictEqual(b.length, 10000);
    assert.strictEqual(b.dropped, 91000);
    assert.strictEqual(b.at(0)?.seq, 91000);
    assert.strictEqual(b.at(9999)?.seq, 100999);
  });

  it('resets with the sender\'s dropped count (replay after a webview reload)', () => {
    const b = new EventBuffer<string>(100);
    b.pushAll(['a', 'b']);
    b.reset(42);
    assert.strictEqual(b.length, 0);
    assert.strictEqual(b.dropped, 42);
    b.push('c');
    assert.strictEqual(b.firstSeq, 42);
    assert.strictEqual(b.at(0), 'c');
  });

  it('resizes: shrinking drops (and counts) the oldest', () => {
    const b = new EventBuffer<number>(200);
    b.pushAll(Array.from({ length: 150 }, (_, i) => i));
    b.resize(100);
    assert.strictEqual(b.length, 100);
    assert.strictEqual(b.dropped, 50);
    assert.strictEqual(b.at(0), 50);
  });

  it('clamps the setting to [100, 1,000,000] and defaults to 10,000', () => {
    assert.strictEqual(clampMaxEvents(undefined), 10000);
    assert.strictEqual(clampMaxEvents('5'), 10000);
    assert.strictEqual(clampMaxEvents(NaN), 10000);
    assert.strictEqual(clampMaxEvents(5), 100);
    assert.strictEqual(clampMaxEvents(5e9), 1000000);
    assert.strictEqual(clampMaxEvents(2500.7), 2500);
    assert.strictEqual(new EventBuffer(1).max, 100);
  });
});
