import * as assert from 'assert';
import { duration, relativeTime } from '../../../src/ui/format';

describe('relative times and durations', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('says how long ago', () => {
    const en = { locale: 'en', justNow: 'just now' };
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:59:58Z'), now, en), 'just now');
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:55:00Z'), now, en), '5m ago');
    assert.strictEqual(relativeTime(new Date('2025-12-31T12:00:00Z'), now, en), '1d ago', 'a number, not "yesterday"');
    assert.strictEqual(relativeTime(new Date('2025-12-30T12:00:00Z'), now, en), '2d ago');
    assert.strictEqual(relativeTime(new Date('2025-10-01T12:00:00Z'), now, en), '3mo ago');
    assert.strictEqual(relativeTime(new Date('2026-01-01T14:00:00Z'), now, en), 'in 2h');
    assert.strictEqual(relativeTime(new Date('invalid'), now, en), '');
  });
  it('words the span in the display language (Intl), with the caller\'s "just now"', () => {
    const de = relativeTime(new Date('2026-01-01T11:55:00Z'), now, { locale: 'de' });
    assert.match(de, /5/);
    assert.notStrictEqual(de, '5m ago');
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:59:58Z'), now, { locale: 'de', justNow: 'gerade eben' }), 'gerade eben');
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:59:58Z'), now, { locale: 'en' }), 'now', 'Intl\'s word without one');
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:55:00Z'), now, { locale: 'not a locale!' }).length > 0, true, 'a bad tag falls back');
  });
  it('formats durations compactly', () => {
    assert.strictEqual(duration(42_000), '42s');
    assert.strictEqual(duration(185_000), '3m 05s');
    assert.strictEqual(duration(2 * 3600_000 + 10 * 60_000), '2h 10m');
    assert.strictEqual(duration(-1), '');
  });
});
