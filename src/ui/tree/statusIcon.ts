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

const LABELS: Readonly<Record<RunStatus, string>> = {
  queued: 'Queued',
  running: 'Running',
  'needs-input': 'Needs input',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceling: 'Canceling',
  canceled: 'Canceled',
  paused: 'Paused',
  skipped: 'Skipped',
  'timed-out': 'Timed out',
  unknown: 'Unknown',
};

export function statusLabel(status: RunStatus): string {
  return LABELS[status];
}
