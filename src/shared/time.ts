// Times and durations as the run panel shows them (pure; the webview cannot import src/ui).

/** "42s", "3m 05s", "2h 10m", "3d 4h"; empty for a negative or unknown span. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Duration of a run or task: start (or creation) to finish, or to now while it runs. */
export function spanMs(start: string | undefined, end: string | undefined, now: number): number | undefined {
  if (!start) return undefined;
  const a = Date.parse(start);
  const b = end ? Date.parse(end) : now;
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : b - a;
}

/** "14:03:22.041" of an ISO time (local time), for output rows. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/**
 * The statuses in English words. What the panel and the tree show is translated where it is shown
 * (src/webview/l10n.ts statusLabel, src/ui/tree/statusIcon.ts); these are the English both must say.
 */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  queued: 'Queued',
  running: 'Running',
  'needs-input': 'Needs input',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceling: 'Canceling',
  canceled: 'Canceled',
  paused: 'Paused',
  skipped: 'Skipped',
  'timed-out': 'Timed out',
  unknown: 'Unknown',
};

/**
 * One line of text for an output event's data: what the collapsed row shows. A text of several lines is
 * cut at its first line and `moreLines(line, count)` words the rest (the caller's language).
 */
export function previewText(data: unknown, moreLines: (line: string, extraLines: number) => string, max = 300): string {
  let s: string;
  if (typeof data === 'string') s = data;
  else {
    try {
      s = JSON.stringify(data) ?? String(data);
    } catch {
      s = String(data);
    }
  }
  const nl = s.indexOf('\n');
  const extraLines = nl >= 0 ? s.split('\n').length - 1 : 0;
  let line = nl >= 0 ? s.slice(0, nl) : s;
  if (line.length > max) line = `${line.slice(0, max)}…`;
  return extraLines ? moreLines(line, extraLines) : line;
}
