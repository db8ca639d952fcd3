import { isBackendError } from './errors';

export interface RefreshInputs {
  /** `runsExplorer.refreshIntervalSeconds`; 0 = manual only. */
  readonly intervalMs: number;
  /** The Runs view is visible. */
  readonly viewVisible: boolean;
  /** Some loaded run is queued, running, waiting for input or canceling. */
  readonly activeRuns: boolean;
}

export interface ScheduleOptions {
  /** Faster polls right after a user action, so its effect shows quickly. */
  readonly burstMs: number;
  readonly burstTicks: number;
  readonly maxBackoffMs: number;
  /** 0..1: share of the delay randomized, so many windows do not poll in step. */
  readonly jitter: number;
  readonly random: () => number;
}

const DEFAULTS: ScheduleOptions = { burstMs: 2000, burstTicks: 3, maxBackoffMs: 5 * 60_000, jitter: 0.2, random: Math.random };

/**
 * When the next automatic refresh is due: only while the view is visible or runs are active; a burst
 * after an action; exponential backoff with jitter after failures; never sooner than a server's
 * Retry-After. Pure: the UI owns the timer.
 */
export class RefreshSchedule {
  private failures = 0;
  private burstLeft = 0;
  private retryAfterMs = 0;
  private readonly o: ScheduleOptions;

  constructor(options: Partial<ScheduleOptions> = {}) {
    this.o = { ...DEFAULTS, ...options };
  }

  /** A user action happened: poll faster for a few ticks. */
  burst(): void {
    this.burstLeft = this.o.burstTicks;
  }

  succeeded(): void {
    this.failures = 0;
    this.retryAfterMs = 0;
  }

  failed(error: unknown): void {
    this.failures++;
    const retryAfter = isBackendError(error) ? error.details.retryAfterMs : undefined;
    this.retryAfterMs = retryAfter ?? 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Milliseconds until the next tick, or undefined when no automatic refresh is due. */
  nextDelay(inputs: RefreshInputs): number | undefined {
    if (inputs.intervalMs <= 0) return undefined;
    if (!inputs.viewVisible && !inputs.activeRuns) return undefined;
    let delay = inputs.intervalMs;
    if (this.failures > 0) {
      delay = Math.min(inputs.intervalMs * 2 ** this.failures, this.o.maxBackoffMs);
    } else if (this.burstLeft > 0) {
      this.burstLeft--;
      delay = Math.min(this.o.burstMs, inputs.intervalMs);
    }
    delay = delay * (1 - this.o.jitter / 2 + this.o.jitter * this.o.random());
    return Math.round(Math.max(delay, this.retryAfterMs));
  }
}
