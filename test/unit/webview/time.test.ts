import * as assert from 'assert';
import { clockTime, formatDuration, previewText, spanMs } from '../../../src/shared/time';
import { moreLines } from '../../../src/webview/l10n';

describe('webview: times, durations and row previews', () => {
  it('formats durations', () => {
    assert.strictEqual(formatDuration(42_000), '42s');
    assert.strictEqual(formatDuration(185_000), '3m 05s');
    assert.strictEqual(formatDuration(2 * 3600_000 + 10 * 60_000), '2h 10m');
    assert.strictEqual(formatDuration(-1), '');
  });

  it('measures spans to now while running, and refuses garbage', () => {
    assert.strictEqual(spanMs('2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z', 0), 60_000);
    assert.strictEqual(spanMs('2024-01-01T00:00:00Z', undefined, Date.parse('2024-01-01T00:00:05Z')), 5000);
    assert.strictEqual(spanMs(undefined, undefined, 0), undefined);
    assert.strictEqual(spanMs('nope', undefined, 0), undefined);
  });

  it('shows clock times with milliseconds', () => {
    assert.match(clockTime(new Date(2024, 0, 1, 14, 3, 22, 41).toISOString()), /^14:03:22\.041$/);
    assert.strictEqual(clockTime('garbage'), 'garbage');
  });

  it('previews data on one line: JSON compact, text first line with a line count, long text cut', () => {
    assert.strictEqual(previewText({ a: 1 }, moreLines), '{"a":1}');
    assert.strictEqual(previewText('one\ntwo\nthree', moreLines), 'one (+2 lines)');
    assert.strictEqual(previewText('one\ntwo', moreLines), 'one (+1 line)');
    assert.strictEqual(previewText('one\ntwo', (line, n) => `${line} [${n}]`), 'one [1]', 'the caller words the other lines');
    assert.strictEqual(previewText('x'.repeat(500), moreLines, 10), `${'x'.repeat(10)}…`);
    assert.strictEqual(previewText('<script>alert(1)</script>', moreLines), '<script>alert(1)</script>', 'text stays text (rendered with textContent)');
  });
});
