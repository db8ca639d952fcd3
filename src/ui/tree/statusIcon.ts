import * as vscode from 'vscode';
import type { RunStatus } from '../../core';

const ICONS: Readonly<Record<RunStatus, [icon: string, color: string | undefined]>> = {
  queued: ['clock', 'charts.yellow'],
  running: ['sync~spin', 'charts.blue'],
  'needs-input': ['bell-dot', 'charts.orange'],
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  canceling: ['loading~spin', 'charts.yellow'],
  canceled: ['circle-slash', 'disabledForeground'],
  paused: ['debug-pause', 'charts.yellow'],
  skipped: ['debug-step-over', 'disabledForeground'],
  'timed-out': ['watch', 'testing.iconFailed'],
  unknown: ['question', undefined],
};

export function statusIcon(status: RunStatus): vscode.ThemeIcon {
  const [icon, color] = ICONS[status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

/**
 * The status words of the tree, tooltips, status bar, quick picks and notifications, translated.
 * The run panel words them the same (src/webview/l10n.ts, translated with @vscode/l10n from the same
 * bundle); test/unit/architecture/l10n.test.ts checks that the two agree.
 * Built on first use (the display language is fixed for the life of the extension host).
 */
let labels: Readonly<Record<RunStatus, string>> | undefined;
function statusLabels(): Readonly<Record<RunStatus, string>> {
  return (labels ??= {
    queued: vscode.l10n.t('Queued'),
    running: vscode.l10n.t('Running'),
    'needs-input': vscode.l10n.t('Needs input'),
    succeeded: vscode.l10n.t('Succeeded'),
    failed: vscode.l10n.t('Failed'),
    canceling: vscode.l10n.t('Canceling'),
    canceled: vscode.l10n.t('Canceled'),
    paused: vscode.l10n.t('Paused'),
    skipped: vscode.l10n.t('Skipped'),
    'timed-out': vscode.l10n.t('Timed out'),
    unknown: vscode.l10n.t('Unknown'),
  });
}

/** "Needs input", "Timed out"...: the run panel's status words, translated. */
export function statusLabel(status: RunStatus): string {
  return statusLabels()[status] ?? status;
}
