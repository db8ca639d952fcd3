import * as vscode from 'vscode';
import type { Logger } from '../core';
import { onDidSetContext, type ContextKey } from './contextKeys';

/** package.json `contributes.walkthroughs[0].id` and its step ids. */
const WALKTHROUGH = 'gettingStarted';
type Step = 'connect' | 'openRun' | 'watchStream' | 'resume';
const SHOWN_KEY = 'walkthrough.openedOnFirstRun';
/** Retries of a mark the workbench refused: its walkthrough registration is asynchronous (up to ~5 s). */
const RETRY_MS = [1000, 3000, 8000];

/** The step a context key completes, if this value means the user did it. */
function stepOf(key: ContextKey, value: number | boolean): Step | undefined {
  if (key === 'backendCount') return typeof value === 'number' && value > 0 ? 'connect' : undefined;
  if (value !== true) return undefined;
  if (key === 'openedRun') return 'openRun';
  if (key === 'watchedStream') return 'watchStream';
  if (key === 'resumedRun') return 'resume';
  return undefined;
}

/**
 * Opens the walkthrough once after install and completes its steps whatever the order.
 *
 * The workbench's getting-started service is created lazily (when the Welcome page or a walkthrough is
 * opened). Before that its completion events are lost: commands run and context keys set are not seen,
 * and a context key that is already true when the walkthrough registers is recorded as "seen this
 * session" without completing the step, so it cannot complete until the next window. So the step is also
 * marked done directly (the command behind the walkthrough's own "Mark Done"), which stores the progress
 * in the workbench whether or not the page was ever opened. That also creates the service, so the
 * `onCommand` events that follow (Show Active Runs) are seen.
 */
export class Walkthrough implements vscode.Disposable {
  private readonly marked = new Set<Step>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Logger,
  ) {
    this.subscription = onDidSetContext((key, value) => {
      const step = stepOf(key, value);
      if (step) this.complete(step);
    });
  }

  private get id(): string {
    return `${this.context.extension.id}#${WALKTHROUGH}`;
  }

  /**
   * Opens the walkthrough on the first start after install, as the workbench does for an extension
   * installed into an open window. Not under test runs, nor when the user turned walkthroughs off
   * (`workbench.welcomePage.walkthroughs.openOnInstall`, which the e2e suite also uses).
   */
  async openOnFirstRun(): Promise<void> {
    if (this.context.extensionMode === vscode.ExtensionMode.Test) return;
    if (this.context.globalState.get<boolean>(SHOWN_KEY)) return;
    if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) return;
    await this.context.globalState.update(SHOWN_KEY, true);
    try {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', this.id, false);
    } catch (e) {
      this.log.warn(`Walkthrough: could not open it: ${String(e)}`);
    }
  }

  /** Marks a step done in the workbench (once per window; the workbench keeps it across windows). */
  complete(step: Step): void {
    if (this.marked.has(step)) return;
    this.marked.add(step);
    this.mark(step, 0);
  }

  private mark(step: Step, attempt: number): void {
    vscode.commands.executeCommand('welcome.markStepComplete', `${this.id}#${step}`).then(undefined, (e: unknown) => {
      // Refused while the walkthrough is still registering; a host without the command keeps the
      // declared completion events only.
      const delay = RETRY_MS[attempt];
      if (delay === undefined) {
        this.log.warn(`Walkthrough: could not mark step "${step}" done: ${String(e)}`);
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.mark(step, attempt + 1);
      }, delay);
      this.timers.add(timer);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
