import type { Run } from '../../core';
import type { Services } from '../services';
import type { BackendRootNode, ItemNode, TreeNode } from '../tree/nodes';

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'type' in value && 'id' in value;
}

/**
 * The nodes a tree command applies to: the multi-selection when the clicked node is part of it
 * (VS Code passes it as the second argument), else the clicked node, else the view's selection.
 */
export function targetNodes(services: Services, args: readonly unknown[]): TreeNode[] {
  const [clicked, selection] = args;
  if (Array.isArray(selection) && selection.every(isTreeNode) && selection.length > 0) return selection;
  if (isTreeNode(clicked)) return [clicked];
  return [...services.view.selection];
}

function isRun(value: unknown): value is Run {
  return typeof value === 'object' && value !== null && 'runId' in value && 'backendId' in value && 'state' in value && 'capabilities' in value;
}

/** The runs a run command applies to: tree selection/click as above, or a Run passed by a notification or quick pick. */
export function targetRuns(services: Services, args: readonly unknown[]): Array<{ node: ItemNode; run: Run }> {
  const [first] = args;
  if (isRun(first)) {
    const node: ItemNode = { type: 'item', id: `${first.backendId}/run:${first.runId}`, backendId: first.backendId, node: { type: 'run', key: `run:${first.runId}`, label: first.name, expandable: false, run: first } };
    return [{ node, run: first }];
  }
  return targetNodes(services, args)
    .filter((n): n is ItemNode => n.type === 'item' && n.node.run !== undefined)
    .map((node) => ({ node, run: node.node.run as Run }));
}

/** The backend a command applies to: the clicked backend or the backend of the clicked node. */
export function targetBackendId(services: Services, args: readonly unknown[]): string | undefined {
  if (typeof args[0] === 'string') return args[0];
  const node = targetNodes(services, args)[0];
  if (!node) return undefined;
  return node.type === 'backend' ? (node as BackendRootNode).profile.id : node.backendId;
}
