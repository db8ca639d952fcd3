/**
 * Simulated clock. Run states are computed from `now()` when asked (no timer per run), so 10k runs cost
 * nothing while idle. Code that must wait for the simulation (streams, block_timeout, /wait) calls `sleep`,
 * which wakes when simulated time reaches a target, after a real-time limit, on `wake()` (a state change
 * made through the API, or `advance`), or when the sandbox closes.
 */
export class SimClock {
  private readonly realStart = Date.now();
  private offset = 0;
  private waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly epochMs: number, readonly speed: number) {}

  now(): number {
    return Math.floor(this.epochMs + (Date.now() - this.realStart) * this.speed + this.offset);
  }

  advance(ms: number): void {
    if (!(ms > 0)) return;
    this.offset += ms;
    this.wake();
  }

  /** Lets every sleeper re-check its condition. */
  wake(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /**
   * Resolves (never rejects) at the first of: simulated time >= untilSim, maxRealMs elapsed, wake(), abort.
   * Callers loop and re-check their state.
   */
  sleep(untilSim: number | undefined, maxRealMs: number | undefined, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      let realMs = maxRealMs ?? Infinity;
      if (untilSim !== undefined) realMs = Math.min(realMs, Math.max(0, (untilSim - this.now()) / this.speed) + 1);
      // Cap so a long sleep still re-checks now and then (cheap insurance against missed wakes).
      realMs = Math.min(realMs, 30_000);
      const timer = setTimeout(done, realMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
