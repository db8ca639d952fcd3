// Which run transitions are worth a notification, and how a batch of them is grouped (pure; unit-tested).
// The words are chosen in notifier.ts, which can call vscode.l10n.t.
import type { RunStatus } from '../../core';
import type { Transition } from './activeRuns';

export type NotificationLevel = 'all' | 'failures' | 'none';
export type NoticeSeverity = 'info' | 'warning' | 'error';

/** What one notification says: one run's transition, or a summary of many. */
export type Notice =
  | { readonly kind: 'run'; readonly run: Transition['run']; readonly to: RunStatus; readonly severity: NoticeSeverity }
  | { readonly kind: 'summary'; readonly total: number; readonly counts: ReadonlyArray<readonly [status: RunStatus, count: number]>; readonly severity: NoticeSeverity };

const FAILURE: ReadonlySet<string> = new Set(['failed', 'timed-out', 'needs-input']);
const NOTIFIED: ReadonlySet<string> = new Set(['succeeded', 'failed', 'timed-out', 'needs-input']);

/** Which transitions a level wants to hear about. */
export function wanted(level: NotificationLevel, t: Transition): boolean {
  if (level === 'none' || !NOTIFIED.has(t.to)) return false;
  return level === 'all' || FAILURE.has(t.to);
}

/** How a batch of transitions is told: one notice each up to a few, else one summary (counts in order of first appearance). */
export function describe(batch: readonly Transition[], maxSingle = 3): Notice[] {
  if (batch.length <= maxSingle) {
    return batch.map((t) => ({
      kind: 'run',
      run: t.run,
      to: t.to,
      severity: t.to === 'succeeded' ? 'info' : t.to === 'needs-input' ? 'warning' : 'error',
    }));
  }
  const counts = new Map<RunStatus, number>();
  for (const t of batch) counts.set(t.to, (counts.get(t.to) ?? 0) + 1);
  const severity = batch.some((t) => t.to === 'failed' || t.to === 'timed-out') ? 'error' : 'info';
  return [{ kind: 'summary', total: batch.length, counts: [...counts], severity }];
}
