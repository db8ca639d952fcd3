import * as vscode from 'vscode';
import { RUN_STATUSES, type Logger, type RunStatus } from '../../core';
import type { Services } from '../services';
import type { LoadMoreNode, TreeNode } from '../tree/nodes';
import { statusLabel } from '../tree/statusIcon';
import { targetBackendId } from './nodeArgs';
import { registerCommand } from './registry';

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'type' in value && 'id' in value;
}

function isLoadMore(value: unknown): value is LoadMoreNode {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'more';
}

async function filterRuns(services: Services, args: readonly unknown[]): Promise<void> {
  const backendId = targetBackendId(services, args);
  const profile = backendId ? services.profiles.get(backendId) : undefined;
  if (!profile) return;
  const current = services.tree.filterOf(profile.id);
  const picked = await vscode.window.showQuickPick(
    RUN_STATUSES.map((s) => ({ label: statusLabel(s), status: s, picked: current?.statuses?.includes(s) ?? false })),
    { title: vscode.l10n.t('Filter Runs: {0} (1/2)', profile.label), placeHolder: vscode.l10n.t('Statuses to show (none = all)'), canPickMany: true },
  );
  if (!picked) return;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter Runs: {0} (2/2)', profile.label),
    prompt: vscode.l10n.t('Name contains (leave empty for any name)'),
    value: current?.text ?? '',
  });
  if (text === undefined) return;
  const statuses: RunStatus[] = picked.map((p) => p.status);
  services.tree.setFilter(profile.id, { statuses, text: text.trim() || undefined });
}

export function registerViewCommands(services: Services, log: Logger): vscode.Disposable[] {
  return [
    registerCommand('runsExplorer.refresh', (node) => {
      // From a node: re-read that list (an error message re-reads its parent, i.e. Retry).
      const target = isTreeNode(node) ? (node.type === 'message' ? services.tree.getParent(node) : node) : undefined;
      services.tree.refresh(target);
    }, log),
    registerCommand('runsExplorer.loadMore', (node) => (isLoadMore(node) ? services.tree.loadMore(node) : undefined), log),
    registerCommand('runsExplorer.filterRuns', (...args) => filterRuns(services, args), log),
    registerCommand('runsExplorer.clearFilter', (...args) => {
      const backendId = targetBackendId(services, args);
      if (backendId) services.tree.setFilter(backendId, undefined);
    }, log),
    registerCommand('runsExplorer.showLog', () => services.log.show(), log),
  ];
}
