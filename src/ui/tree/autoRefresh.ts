import * as vscode from 'vscode';
import { errorMessage, RefreshSchedule, type Logger } from '../../core';
import type { RunsTreeProvider } from './runsTreeProvider';

/**
 * Re-reads the expanded lists on a timer: only while the view is visible or runs are active, faster
 * right after an action, slower after failures (Retry-After honoured). One tick at a time.
 */
export class AutoRefresh implements vscode.Disposable {
  private readonly schedule = new RefreshSchedule();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;
  /** Requests made by automatic ticks (read by the tests and the benchmark). */
  requestCount = 0;
  tickCount = 0;

  constructor(
    private readonly tree: RunsTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
    private readonly hasActiveRuns: () => boolean,
    private readonly log: Logger,
  ) {}

  /** (Re)computes when the next tick is due; call when the view, the settings or the runs change. */
  reschedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return; // the running tick reschedules when it ends
    const seconds = vscode.workspace.getConfiguration('runsExplorer').get<number>('refreshIntervalSeconds', 10);
    const delay = this.schedule.nextDelay({ intervalMs: seconds * 1000, viewVisible: this.view.visible, activeRuns: this.hasActiveRuns() });
    if (delay !== undefined) this.timer = setTimeout(() => void this.tick(), delay);
  }

  /** After a user action: poll faster for a few ticks. */
  burst(): void {
    this.schedule.burst();
    this.reschedule();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.running = (async () => {
      try {
        const outcome = await this.tree.refreshExpanded();
        this.tickCount++;
        this.requestCount += outcome.requests;
        if (outcome.error) this.schedule.failed(outcome.error);
        else this.schedule.succeeded();
        if (outcome.requests) this.log.trace(`auto refresh: ${outcome.requests} list request(s), ${outcome.changedRows} row(s) changed`);
      } catch (e) {
        this.schedule.failed(e);
        this.log.error(`Auto refresh failed: ${errorMessage(e)}`);
      }
    })();
    await this.running;
    this.running = undefined;
    this.reschedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
