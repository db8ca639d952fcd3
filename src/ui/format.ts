// Relative times and durations for tree descriptions and tooltips (pure: unit-tested in plain Node).

const UNITS: ReadonlyArray<[limitSeconds: number, divisor: number, unit: string]> = [
  [60, 1, 's'],
  [3600, 60, 'm'],
  [86400, 3600, 'h'],
  [86400 * 30, 86400, 'd'],
  [86400 * 365, 86400 * 30, 'mo'],
  [Infinity, 86400 * 365, 'y'],
];

/** "5m ago", "just now", "in 2h" (clock skew). */
export function relativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) return 'just now';
  for (const [limit, divisor, unit] of UNITS) {
    if (abs < limit) {
      const n = Math.floor(abs / divisor);
      return seconds >= 0 ? `${n}${unit} ago` : `in ${n}${unit}`;
    }
  }
  return date.toISOString();
}

// Durations are formatted like the run panel's (one implementation, shared with the webview).
export { formatDuration as duration } from '../shared/time';
