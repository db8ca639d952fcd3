import * as vscode from 'vscode';
import { isActive, type Run, type RunStatus } from '../../core';

export interface Transition {
  readonly run: Run;
  readonly from: RunStatus;
  readonly to: RunStatus;
}

const runKey = (run: Run): string => `${run.backendId}\u0000${run.threadId ?? ''}\u0000${run.runId}`;

/**
 * The runs the user can see, deduplicated across lists and panels: which are active (status bar) and
 * which changed status since last seen (notifications). A run seen for the first time is no transition.
 */
export class ActiveRuns implements vscode.Disposable {
  private readonly known = new Map<string, Run>();
  private readonly changed = new vscode.EventEmitter<readonly Transition[]>();
  /** Fires after every update, with the transitions it found (possibly none). */
  readonly onDidUpdate = this.changed.event;

  /** Takes the latest view of some runs. */
  update(runs: readonly Run[]): void {
    const transitions: Transition[] = [];
    for (const run of runs) {
      const key = runKey(run);
      const before = this.known.get(key);
      if (before && before.state.status !== run.state.status) transitions.push({ run, from: before.state.status, to: run.state.status });
      this.known.set(key, run);
    }
    this.changed.fire(transitions);
  }

  /** Forget the runs of backends that are gone. */
  retainBackends(ids: ReadonlySet<string>): void {
    let removed = false;
    for (const [key, run] of this.known) {
      if (!ids.has(run.backendId)) {
        this.known.delete(key);
        removed = true;
      }
    }
    if (removed) this.changed.fire([]);
  }

  active(): Run[] {
    return [...this.known.values()].filter((r) => isActive(r.state.status));
  }

  counts(): { running: number; needsInput: number } {
    let running = 0;
    let needsInput = 0;
    for (const run of this.known.values()) {
      if (run.state.status === 'needs-input') needsInput++;
      else if (isActive(run.state.status)) running++;
    }
    return { running, needsInput };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
