import * as assert from 'assert';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, sleep } from '../../../src/http';

describe('http/retry', () => {
  it('grows exponentially with jitter, bounded', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.strictEqual(backoffDelay(p, 1, () => 0), 50);
    assert.strictEqual(backoffDelay(p, 1, () => 1), 100);
    assert.strictEqual(backoffDelay(p, 3, () => 1), 400);
    assert.strictEqual(backoffDelay(p, 10, () => 1), 1000);
  });

  it('parses Retry-After seconds and dates', () => {
    assert.strictEqual(parseRetryAfter('2'), 2000);
    assert.strictEqual(parseRetryAfter('0.05'), 50);
    assert.strictEqual(parseRetryAfter(new Date(10_000).toUTCString(), 5_000), 5000);
    assert.strictEqual(parseRetryAfter('soon'), undefined);
    assert.strictEqual(parseRetryAfter(null), undefined);
  });

  it('sleep stops on abort', async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal);
    c.abort(new Error('stop'));
    await assert.rejects(p, /stop/);
  });
});
