import type { TreeNode } from './tree/nodes';

/** What `activate()` returns: a small surface for the extension-host tests and other extensions. */
export interface RunsExplorerApi {
  /** Children of a tree node (or the roots), exactly as the Runs view gets them. */
  treeChildren(node?: TreeNode): Promise<TreeNode[]>;
  /** Labels of the tree items for those nodes. */
  treeLabel(node: TreeNode): string;
}
