import * as assert from 'assert';
import { BackendError, RefreshSchedule } from '../../../src/core';

const visible = { intervalMs: 10_000, viewVisible: true, activeRuns: false };

describe('RefreshSchedule', () => {
  const fixed = () => new RefreshSchedule({ jitter: 0, random: () => 0.5 });

  it('refreshes only while the view is visible or runs are active, never with interval 0', () => {
    const s = fixed();
    assert.strictEqual(s.nextDelay(visible), 10_000);
    assert.strictEqual(s.nextDelay({ ...visible, viewVisible: false, activeRuns: true }), 10_000);
    assert.strictEqual(s.nextDelay({ ...visible, viewVisible: false }), undefined);
    assert.strictEqual(s.nextDelay({ ...visible, intervalMs: 0 }), undefined);
  });

  it('polls faster for a few ticks after an action', () => {
    const s = fixed();
    s.burst();
    assert.deepStrictEqual([s.nextDelay(visible), s.nextDelay(visible), s.nextDelay(visible), s.nextDelay(visible)], [2000, 2000, 2000, 10_000]);
  });

  it('backs off exponentially on failures, capped, and resets on success', () => {
    const s = fixed();
    s.failed(new Error('x'));
    assert.strictEqual(s.nextDelay(visible), 20_000);
    s.failed(new Error('x'));
    assert.strictEqual(s.nextDelay(visible), 40_000);
    for (let i = 0; i < 10; i++) s.failed(new Error('x'));
    assert.strictEqual(s.nextDelay(visible), 300_000);
    s.succeeded();
    assert.strictEqual(s.nextDelay(visible), 10_000);
  });

  it('never polls sooner than a Retry-After', () => {
    const s = fixed();
    s.failed(new BackendError('rate-limited', '429', { status: 429, retryAfterMs: 90_000 }));
    assert.strictEqual(s.nextDelay(visible), 90_000);
  });

  it('spreads delays with jitter within its bounds', () => {
    const low = new RefreshSchedule({ jitter: 0.2, random: () => 0 }).nextDelay(visible);
    const high = new RefreshSchedule({ jitter: 0.2, random: () => 1 }).nextDelay(visible);
    assert.deepStrictEqual([low, high], [9000, 11_000]);
  });
});
