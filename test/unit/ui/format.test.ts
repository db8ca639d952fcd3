import * as assert from 'assert';
import { duration, relativeTime } from '../../../src/ui/format';

describe('relative times and durations', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('says how long ago', () => {
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:59:58Z'), now), 'just now');
    assert.strictEqual(relativeTime(new Date('2026-01-01T11:55:00Z'), now), '5m ago');
    assert.strictEqual(relativeTime(new Date('2025-12-30T12:00:00Z'), now), '2d ago');
    assert.strictEqual(relativeTime(new Date('2026-01-01T14:00:00Z'), now), 'in 2h');
  });
  it('formats durations compactly', () => {
    assert.strictEqual(duration(42_000), '42s');
    assert.strictEqual(duration(185_000), '3m 05s');
    assert.strictEqual(duration(2 * 3600_000 + 10 * 60_000), '2h 10m');
    assert.strictEqual(duration(-1), '');
  });
});
