import * as vscode from 'vscode';
import type { RunStatus } from '../../core';
import { inertText } from '../inertText';
import { statusLabel } from '../tree/statusIcon';
import type { ActiveRuns, Transition } from './activeRuns';
import { describe, wanted, type Notice, type NotificationLevel } from './notifications';

/** 'Run "train" failed.': one whole sentence per status, so a translation can word each its own way. */
function runSentence(name: string, to: RunStatus): string {
  switch (to) {
    case 'succeeded':
      return vscode.l10n.t('Run "{0}" succeeded.', name);
    case 'failed':
      return vscode.l10n.t('Run "{0}" failed.', name);
    case 'timed-out':
      return vscode.l10n.t('Run "{0}" timed out.', name);
    case 'needs-input':
      return vscode.l10n.t('Run "{0}" needs input.', name);
    default:
      return vscode.l10n.t('Run "{0}" is now {1}.', name, statusLabel(to));
  }
}

/** "3 succeeded": one part of a summary. */
function countPart(status: RunStatus, n: number): string {
  switch (status) {
    case 'succeeded':
      return vscode.l10n.t('{0} succeeded', n);
    case 'failed':
      return vscode.l10n.t('{0} failed', n);
    case 'timed-out':
      return vscode.l10n.t('{0} timed out', n);
    case 'needs-input':
      return vscode.l10n.t('{0} needs input', n);
    default:
      return vscode.l10n.t('{0}: {1}', statusLabel(status), n);
  }
}

/** "a, b, c" in the display language (Intl knows each language's list separators). */
function listOf(parts: readonly string[]): string {
  try {
    return new Intl.ListFormat(vscode.env.language, { type: 'unit', style: 'short' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}

/** The text of a notice, translated. */
export function noticeText(notice: Notice): string {
  if (notice.kind === 'run') return runSentence(notice.run.name, notice.to);
  return vscode.l10n.t('{0} runs changed: {1}.', notice.total, listOf(notice.counts.map(([status, n]) => countPart(status, n))));
}

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
    const openRun = vscode.l10n.t('Open');
    const showActive = vscode.l10n.t('Show Active Runs');
    for (const notice of describe(batch)) {
      const text = noticeText(notice);
      this.shown.push(text);
      const show = notice.severity === 'error' ? vscode.window.showErrorMessage : notice.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const run = notice.kind === 'run' ? notice.run : undefined;
      void Promise.resolve(show(inertText(text), run ? openRun : showActive)).then((choice) => {
        if (choice === openRun && run) this.open(run);
        if (choice === showActive) void vscode.commands.executeCommand('runsExplorer.showActiveRuns');
      });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
