// Result records, medians and timing helpers shared by every benchmark.
import { performance } from 'perf_hooks';

/** One line of bench/results.json. `target` reads "<= 2.0" and applies to `ratio` when there is one, else to `value`. */
export interface Result {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly target: string;
  readonly pass: boolean;
  /** How it was measured, caveats (printed under the table). */
  readonly note?: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** `value` compared with a baseline: pass when value/baseline <= max. */
export function ratioResult(name: string, value: number, baseline: number, unit: string, max: number, note?: string): Result {
  const ratio = value / baseline;
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(ratio), target: `<= ${max}`, pass: ratio <= max, ...(note ? { note } : {}) };
}

/** A count or an absolute figure with its own bound. */
export function boundResult(name: string, value: number, unit: string, max: number, note?: string): Result {
  return { name, value: round(value), unit, baseline: null, ratio: null, target: max === 0 ? '= 0' : `<= ${max}`, pass: value <= max, ...(note ? { note } : {}) };
}

/** A reported figure with no target. */
export function infoResult(name: string, value: number, unit: string, note?: string): Result {
  return { name, value: round(value), unit, baseline: null, ratio: null, target: 'report', pass: true, ...(note ? { note } : {}) };
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Runs `a` and `b` alternately (`warmup` discarded rounds, then `runs` measured), so drift on a shared
 * machine hits both alike; returns the medians in ms.
 */
export async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number, warmup = 2): Promise<{ a: number; b: number; as: number[]; bs: number[] }> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const first = i % 2 === 0;
    const ta = first ? await timed(a) : 0;
    const tb = await timed(b);
    const ta2 = first ? ta : await timed(a);
    if (i >= warmup) {
      as.push(ta2);
      bs.push(tb);
    }
  }
  return { a: median(as), b: median(bs), as, bs };
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
