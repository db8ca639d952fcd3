import * as vscode from 'vscode';
import { errorMessage, isActive, type Logger, type Run } from '../../core';
import type { BackendManager } from '../backendManager';
import type { ProfileStore } from '../profiles/profileStore';
import type { ActiveRuns } from './activeRuns';

const runKey = (run: Run): string => `${run.threadId ?? ''}/${run.runId}`;
/** Runs that left the active list are read once more (final status, notification), a few per tick. */
const MAX_FINAL_READS = 10;

/**
 * Feeds the status bar before any list is opened: asks each backend for its active runs shortly after
 * start-up, then again every refresh interval while some are active, and stops when none are (no
 * request at all while nothing runs). Backends whose lists the user has expanded are left to the
 * tree's own refresh, so no run is polled twice.
 */
export class ActiveRunsPoller implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private disposed = false;
  private readonly known = new Map<string, Map<string, Run>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly backends: BackendManager,
    private readonly runs: ActiveRuns,
    private readonly coveredByTree: (backendId: string) => boolean,
    private readonly intervalMs: () => number,
    private readonly log: Logger,
  ) {}

  /** Polls once after `delayMs` (start-up, or backends changed). */
  start(delayMs: number): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.disposed) return;
    this.running = true;
    let anyActive = false;
    try {
      const ids = new Set(this.profiles.profiles.map((p) => p.id));
      for (const id of [...this.known.keys()]) if (!ids.has(id)) this.known.delete(id);
      for (const profile of this.profiles.profiles) {
        if (this.abort.signal.aborted) return;
        const backend = this.backends.get(profile);
        if (!backend?.listActiveRuns || this.coveredByTree(profile.id)) continue;
        try {
          const active = await backend.listActiveRuns(this.abort.signal);
          const before = this.known.get(profile.id) ?? new Map<string, Run>();
          const now = new Map(active.map((r) => [runKey(r), r]));
          const ended: Run[] = [];
          for (const [key, run] of before) {
            if (now.has(key) || ended.length >= MAX_FINAL_READS) continue;
            ended.push(await backend.getRun(run, this.abort.signal));
          }
          this.known.set(profile.id, now);
          this.runs.update([...active, ...ended]);
          anyActive ||= active.some((r) => isActive(r.state.status));
        } catch (e) {
          if (this.abort.signal.aborted) return;
          // The tree shows the failure where the user looks; here it only stops this backend's poll.
          this.log.debug(`Active runs of ${profile.label}: ${errorMessage(e)}`);
        }
      }
    } finally {
      this.running = false;
    }
    const interval = this.intervalMs();
    if (anyActive && interval > 0) this.start(interval);
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
  }
}
