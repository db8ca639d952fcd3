// Which run transitions are worth a notification, and how a batch of them is worded (pure; unit-tested).
import type { Transition } from './activeRuns';

export type NotificationLevel = 'all' | 'failures' | 'none';

const FAILURE: ReadonlySet<string> = new Set(['failed', 'timed-out', 'needs-input']);
const NOTIFIED: ReadonlySet<string> = new Set(['succeeded', 'failed', 'timed-out', 'needs-input']);

/** Which transitions a level wants to hear about. */
export function wanted(level: NotificationLevel, t: Transition): boolean {
  if (level === 'none' || !NOTIFIED.has(t.to)) return false;
  return level === 'all' || FAILURE.has(t.to);
}

const VERB: Readonly<Record<string, string>> = { succeeded: 'succeeded', failed: 'failed', 'timed-out': 'timed out', 'needs-input': 'needs input' };

/** What the user is shown for a batch of transitions: one message each up to a few, else one summary. */
export function describe(batch: readonly Transition[], maxSingle = 3): Array<{ text: string; severity: 'info' | 'warning' | 'error'; run?: Transition['run'] }> {
  if (batch.length <= maxSingle) {
    return batch.map((t) => ({
      text: `Run "${t.run.name}" ${VERB[t.to] ?? t.to}.`,
      severity: t.to === 'succeeded' ? 'info' : t.to === 'needs-input' ? 'warning' : 'error',
      run: t.run,
    }));
  }
  const counts = new Map<string, number>();
  for (const t of batch) counts.set(VERB[t.to] ?? t.to, (counts.get(VERB[t.to] ?? t.to) ?? 0) + 1);
  const parts = [...counts].map(([verb, n]) => `${n} ${verb}`);
  const severity = batch.some((t) => t.to === 'failed' || t.to === 'timed-out') ? 'error' : 'info';
  return [{ text: `${batch.length} runs changed: ${parts.join(', ')}.`, severity }];
}

