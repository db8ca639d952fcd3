import type * as vscode from 'vscode';
import type { TreeNode } from './tree/nodes';
import type { RefreshOutcome } from './tree/runsTreeProvider';

/** What `activate()` returns: a small read-mostly surface for the extension-host tests. */
export interface RunsExplorerApi {
  /** Children of a tree node (or the roots), exactly as the Runs view gets them. */
  treeChildren(node?: TreeNode): Promise<TreeNode[]>;
  treeLabel(node: TreeNode): string;
  /** A row as the user sees it when hovering it: built, then resolved (tooltip). */
  treeItem(node: TreeNode): vscode.TreeItem;
  /** A row as the view builds it for display (getTreeItem only; tooltips come on hover). */
  treeRow(node: TreeNode): vscode.TreeItem;
  /** The status bar text, or undefined while it is hidden. */
  statusBarText(): string | undefined;
  /** Notification texts shown so far. */
  notificationsShown(): string[];
  autoRefreshStats(): { requests: number; ticks: number; expandedLists: number };
  /** What expanding or collapsing a node in the view does. */
  setExpanded(node: TreeNode, expanded: boolean): void;
  /** The log channel's last lines, as written (after redaction). */
  recentLog(): readonly string[];
  /** One automatic refresh tick, now. */
  refreshExpanded(): Promise<RefreshOutcome>;
}
