import * as vscode from 'vscode';
import { inertText } from '../inertText';
import type { ActiveRuns, Transition } from './activeRuns';
import { describe, wanted, type NotificationLevel } from './notifications';

/**
 * Notifications on run transitions per `runsExplorer.notifications`, coalesced: transitions arriving
 * within a short window are shown together, never a flood.
 */
export class RunNotifier implements vscode.Disposable {
  private pending: Transition[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;
  /** Messages shown, newest last (read by the tests). */
  readonly shown: string[] = [];

  constructor(
    runs: ActiveRuns,
    private readonly level: () => NotificationLevel,
    private readonly open: (run: Transition['run']) => void,
    private readonly windowMs = 1500,
  ) {
    this.subscription = runs.onDidUpdate((transitions) => this.add(transitions));
  }

  private add(transitions: readonly Transition[]): void {
    const level = this.level();
    const relevant = transitions.filter((t) => wanted(level, t));
    if (relevant.length === 0) return;
    this.pending.push(...relevant);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    for (const message of describe(batch)) {
      this.shown.push(message.text);
      const show = message.severity === 'error' ? vscode.window.showErrorMessage : message.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const actions = message.run ? ['Open'] : ['Show Active Runs'];
      void Promise.resolve(show(inertText(message.text), ...actions)).then((choice) => {
        if (choice === 'Open' && message.run) this.open(message.run);
        if (choice === 'Show Active Runs') void vscode.commands.executeCommand('runsExplorer.showActiveRuns');
      });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
