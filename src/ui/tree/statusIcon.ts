import * as vscode from 'vscode';
import type { RunStatus } from '../../core';
import { STATUS_LABELS } from '../../shared/time';

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

/** "Needs input", "Timed out"...: the same words as the run panel's status badge. */
export function statusLabel(status: RunStatus): string {
  return STATUS_LABELS[status] ?? status;
}
