// Relative times and durations for tree descriptions and tooltips (pure: unit-tested in plain Node).

const UNITS: ReadonlyArray<[limitSeconds: number, divisor: number, unit: Intl.RelativeTimeFormatUnit]> = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86400, 3600, 'hour'],
  [86400 * 30, 86400, 'day'],
  [86400 * 365, 86400 * 30, 'month'],
  [Infinity, 86400 * 365, 'year'],
];

/** One formatter per locale and style: building an Intl formatter per call would dominate a 10,000-row tree. */
const formatters = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string | undefined, numeric: 'always' | 'auto'): Intl.RelativeTimeFormat {
  const key = `${numeric} ${locale ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.RelativeTimeFormat(locale, { style: 'narrow', numeric });
    } catch {
      f = new Intl.RelativeTimeFormat(undefined, { style: 'narrow', numeric }); // not a BCP 47 tag
    }
    formatters.set(key, f);
  }
  return f;
}

export interface RelativeTimeWords {
  /** The display language (vscode.env.language): Intl words the span in it ("5m ago" in English). */
  readonly locale?: string;
  /** The words for under 5 seconds, translated by the caller; Intl's "now" when absent. */
  readonly justNow?: string;
}

/** "5m ago", "just now", "in 2h" (clock skew), in the display language; empty for an invalid date. */
export function relativeTime(date: Date, now: Date = new Date(), words: RelativeTimeWords = {}): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  const abs = Math.abs(seconds);
  if (abs < 5) return words.justNow ?? relativeFormat(words.locale, 'auto').format(0, 'second');
  const [, divisor, unit] = UNITS.find(([limit]) => abs < limit) ?? UNITS[UNITS.length - 1];
  const n = Math.floor(abs / divisor);
  // Always a number ("1d ago", not "yesterday"), like the rest of the row. A few hundred distinct
  // texts at most: remembered, so a 10,000-row tree formats each once.
  const value = seconds >= 0 ? -n : n;
  const key = `${words.locale ?? ''} ${value} ${unit}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = relativeFormat(words.locale, 'always').format(value, unit);
    texts.set(key, text);
  }
  return text;
}

const texts = new Map<string, string>();

// Durations are formatted like the run panel's (one implementation, shared with the webview).
export { formatDuration as duration } from '../shared/time';
