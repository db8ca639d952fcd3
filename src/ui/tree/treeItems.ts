import * as vscode from 'vscode';
import { enabledCapabilities, errorMessage, KIND_INFO, type BackendNode, type Run } from '../../core';
import { duration, relativeTime, type RelativeTimeWords } from '../format';
import type { BackendRootNode, ItemNode, LoadMoreNode, MessageNode, TreeNode } from './nodes';
import { statusIcon, statusLabel } from './statusIcon';

/** Description of a backend root: its kind, counts and active filter (filled in by the provider). */
export interface BackendSummary {
  readonly text?: string;
  readonly error?: string;
}

export function toTreeItem(node: TreeNode, summary?: BackendSummary, now: Date = new Date()): vscode.TreeItem {
  switch (node.type) {
    case 'backend':
      return backendItem(node, summary);
    case 'item':
      return itemItem(node, now);
    case 'more':
      return moreItem(node);
    case 'message':
      return messageItem(node);
  }
}

function backendItem(node: BackendRootNode, summary?: BackendSummary): vscode.TreeItem {
  const { profile } = node;
  const info = KIND_INFO[profile.kind];
  const item = new vscode.TreeItem(profile.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = summary?.error ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon(info.icon);
  item.description = summary?.error ? summary.error : (summary?.text ?? info.title);
  if (profile.tlsInsecure) item.description = vscode.l10n.t('{0} · TLS not verified', String(item.description ?? ''));
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**').appendText(profile.label).appendMarkdown('**\n\n');
  tip.appendText(vscode.l10n.t('{0} at {1}', info.title, profile.baseUrl));
  if (profile.tlsInsecure) {
    tip.appendMarkdown('\n\n$(warning) ').appendText(vscode.l10n.t('tlsInsecure is on: the server certificate is not verified, so anyone on the network path could read your token. Prefer runsExplorer.caFile.'));
    tip.supportThemeIcons = true;
  }
  if (summary?.error) tip.appendMarkdown('\n\n').appendText(summary.error);
  item.tooltip = tip;
  item.contextValue = `backend kind-${profile.kind}${summary?.error ? ' error' : ''}`;
  return item;
}

/** Composite context value matched by regex `when` clauses: `run cancel archive ...`. */
export function runContextValue(run: Run): string {
  return ['run', `kind-${run.kind}`, `status-${run.state.status}`, ...enabledCapabilities(run.capabilities)].join(' ');
}

/** "5m ago" in the display language; "just now" translated (read once: the language is fixed per session). */
let timeWords: RelativeTimeWords | undefined;

function runDescription(run: Run, now: Date): string {
  const parts: string[] = [];
  timeWords ??= { locale: vscode.env.language, justNow: vscode.l10n.t('just now') };
  if (run.createdAt) parts.push(relativeTime(run.createdAt, now, timeWords));
  const start = run.startedAt ?? run.createdAt;
  if (start) {
    const end = run.finishedAt ?? (run.state.status === 'running' ? now : undefined);
    if (end) parts.push(duration(end.getTime() - start.getTime()));
  }
  if (run.archived) parts.push(vscode.l10n.t('archived'));
  return parts.filter(Boolean).join(' · ');
}

/**
 * What `Date.toLocaleString()` gives, from one formatter: toLocaleString builds a new Intl formatter per
 * call, which made dates most of the cost of 10,000 tree items.
 */
let dateTimeFormat: Intl.DateTimeFormat | undefined;
function localDateTime(date: Date): string {
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return dateTimeFormat.format(date);
}

function runTooltip(run: Run, profileLabel: string): vscode.MarkdownString {
  // Server text is appended with appendText: never trusted, never HTML, never a command link.
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**').appendText(run.name).appendMarkdown('**\n\n');
  tip.appendText(vscode.l10n.t('ID: {0}', run.runId)).appendMarkdown('\n\n');
  if (run.threadId) tip.appendText(vscode.l10n.t('Thread: {0}', run.threadId)).appendMarkdown('\n\n');
  tip.appendText(vscode.l10n.t('Status: {0} ({1})', statusLabel(run.state.status), run.state.raw || vscode.l10n.t('none'))).appendMarkdown('\n\n');
  if (run.createdAt) tip.appendText(vscode.l10n.t('Created: {0}', localDateTime(run.createdAt))).appendMarkdown('\n\n');
  if (run.finishedAt) tip.appendText(vscode.l10n.t('Finished: {0}', localDateTime(run.finishedAt))).appendMarkdown('\n\n');
  if (run.message) tip.appendText(run.message.slice(0, 500)).appendMarkdown('\n\n');
  tip.appendText(vscode.l10n.t('Backend: {0}', profileLabel));
  return tip;
}

function nodeItemLabel(node: BackendNode): string {
  return node.run?.name ?? node.task?.name ?? node.label;
}

function itemItem(entry: ItemNode, now: Date): vscode.TreeItem {
  const { node } = entry;
  const item = new vscode.TreeItem(
    nodeItemLabel(node),
    node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = entry.id;
  const state = node.run?.state ?? node.task?.state ?? node.state;
  if (node.run) {
    item.iconPath = statusIcon(node.run.state.status);
    item.description = node.description ?? runDescription(node.run, now);
    item.contextValue = runContextValue(node.run);
    // A click opens the run panel (one per run; a second click reveals it).
    item.command = { command: 'runsExplorer.openRun', title: vscode.l10n.t('Open Run'), arguments: [entry] };
  } else {
    item.iconPath = state ? statusIcon(state.status) : new vscode.ThemeIcon(node.icon ?? 'folder');
    item.description = node.description ?? (state ? statusLabel(state.status) : undefined);
    item.contextValue = node.type;
  }
  item.accessibilityInformation = { label: [nodeItemLabel(node), state ? statusLabel(state.status) : undefined, item.description].filter(Boolean).join(', ') };
  return item;
}

/**
 * The tooltip of a run, task or group row. Built when the row is hovered (TreeDataProvider.resolveTreeItem),
 * not with the row: a list of 10,000 runs would otherwise build 10,000 Markdown tooltips nobody reads.
 */
export function itemTooltip(entry: ItemNode): vscode.MarkdownString {
  const { node } = entry;
  if (node.run) return runTooltip(node.run, entry.backendId);
  const state = node.task?.state ?? node.state;
  const tip = new vscode.MarkdownString();
  tip.appendText(node.label);
  if (state) tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Status: {0} ({1})', statusLabel(state.status), state.raw || vscode.l10n.t('none')));
  return tip;
}

function moreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more...'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'loadMore';
  item.command = { command: 'runsExplorer.loadMore', title: vscode.l10n.t('Load more'), arguments: [node] };
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const icon = node.severity === 'error' ? 'error' : node.severity === 'warning' ? 'warning' : 'info';
  item.iconPath = new vscode.ThemeIcon(icon);
  if (node.detail) item.tooltip = node.detail;
  // A string tooltip would otherwise be the row's whole accessible name: say the severity, the text, the detail.
  const severity = node.severity === 'error' ? vscode.l10n.t('Error') : node.severity === 'warning' ? vscode.l10n.t('Warning') : vscode.l10n.t('Info');
  const label = node.detail && node.detail !== node.text
    ? vscode.l10n.t('{0}: {1}. {2}', severity, node.text, node.detail.slice(0, 300))
    : vscode.l10n.t('{0}: {1}', severity, node.text);
  item.accessibilityInformation = { label };
  item.contextValue = `message ${node.severity}${node.auth ? ' auth' : ''}`;
  return item;
}

export function describeError(e: unknown): string {
  return errorMessage(e);
}
