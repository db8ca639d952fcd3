import * as vscode from 'vscode';
import { BackendError, errorMessage, type BackendNode, type Logger, type Run, type RunFilter } from '../../core';
import type { BackendManager } from '../backendManager';
import type { ProfileStore } from '../profiles/profileStore';
import { backendNodeId, itemNodeId, type BackendRootNode, type ItemNode, type LoadMoreNode, type MessageNode, type TreeNode } from './nodes';
import { toTreeItem, type BackendSummary } from './treeItems';

/** A loaded list under one parent: the pages fetched so far and the cursor of the next one. */
interface LoadedList {
  items: TreeNode[];
  next?: string;
}

/** The Runs tree: backends at the root, then what each backend lists, one page at a time. */
export class RunsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly lists = new Map<string, LoadedList>();
  private readonly nodes = new Map<string, TreeNode>();
  private readonly summaries = new Map<string, BackendSummary>();
  private readonly filters = new Map<string, RunFilter>();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly backends: BackendManager,
    private readonly log: Logger,
    private readonly pageSize: () => number,
  ) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, node.type === 'backend' ? this.summaries.get(node.profile.id) : undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    for (const [parentId, list] of this.lists) {
      if (list.items.some((n) => n.id === node.id)) return this.nodes.get(parentId);
    }
    return undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node.type !== 'backend' && !(node.type === 'item' && node.node.expandable)) return [];
    const cached = this.lists.get(node.id);
    if (cached) return this.withMore(node, cached);
    const list = await this.fetchPage(node, undefined);
    this.lists.set(node.id, list);
    return this.withMore(node, list);
  }

  /** Fetches the next page of a list and appends it. */
  async loadMore(more: LoadMoreNode): Promise<void> {
    const parent = this.nodes.get(more.parentId);
    const list = this.lists.get(more.parentId);
    if (!parent || !list || !list.next) return;
    const page = await this.fetchPage(parent, list.next);
    list.items.push(...page.items);
    list.next = page.next;
    this.changed.fire(parent);
  }

  /** Drops loaded lists and re-reads everything visible. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.lists.clear();
      this.summaries.clear();
    } else {
      this.lists.delete(node.id);
    }
    this.changed.fire(node);
  }

  setFilter(backendId: string, filter: RunFilter | undefined): void {
    if (filter && (filter.text || filter.statuses?.length)) this.filters.set(backendId, filter);
    else this.filters.delete(backendId);
    const root = this.nodes.get(backendNodeId(backendId));
    for (const id of [...this.lists.keys()]) if (id === backendNodeId(backendId) || id.startsWith(`${backendId}/`)) this.lists.delete(id);
    this.changed.fire(root);
  }

  /** Runs currently loaded anywhere in the tree. */
  loadedRuns(): Run[] {
    const runs: Run[] = [];
    for (const list of this.lists.values()) for (const n of list.items) if (n.type === 'item' && n.node.run) runs.push(n.node.run);
    return runs;
  }

  filterOf(backendId: string): RunFilter | undefined {
    return this.filters.get(backendId);
  }

  private roots(): TreeNode[] {
    return this.profiles.profiles.map((profile) => this.remember<BackendRootNode>({ type: 'backend', id: backendNodeId(profile.id), profile }));
  }

  private backendIdOf(node: TreeNode): string {
    return node.type === 'backend' ? node.profile.id : node.backendId;
  }

  private async fetchPage(parent: TreeNode, cursor: string | undefined): Promise<LoadedList> {
    const backendId = this.backendIdOf(parent);
    const backend = this.backends.get(backendId);
    if (!backend) return { items: [this.message(parent, 'Backend is no longer configured', 'warning')] };
    const parentNode: BackendNode | undefined = parent.type === 'item' ? parent.node : undefined;
    try {
      const page = await backend.listChildren(parentNode, { pageSize: this.pageSize(), cursor, filter: this.filters.get(backendId) });
      if (parent.type === 'backend') this.summaries.delete(backendId);
      const items: TreeNode[] = page.items.map((n) => this.remember<ItemNode>({ type: 'item', id: itemNodeId(backendId, n.key), backendId, node: n }));
      if (items.length === 0 && !cursor) items.push(this.message(parent, this.filters.has(backendId) ? 'No runs match the filter' : 'Nothing here yet', 'info'));
      return { items, next: page.next };
    } catch (e) {
      const text = errorMessage(e);
      this.log.error(`${backend.profile.label}: ${text}`);
      const auth = e instanceof BackendError && e.code === 'auth';
      if (parent.type === 'backend') {
        this.summaries.set(backendId, { error: auth ? 'Unauthorized: Set Credentials' : 'Unreachable or failing' });
        // The root's own label changes too: refresh it after this load finishes.
        setTimeout(() => this.changed.fire(parent), 0);
      }
      return { items: [this.message(parent, text, 'error', auth)] };
    }
  }

  private withMore(parent: TreeNode, list: LoadedList): TreeNode[] {
    if (!list.next) return list.items;
    const more = this.remember<LoadMoreNode>({ type: 'more', id: `${parent.id}#more`, backendId: this.backendIdOf(parent), parentId: parent.id });
    return [...list.items, more];
  }

  private message(parent: TreeNode, text: string, severity: MessageNode['severity'], auth = false): MessageNode {
    return this.remember<MessageNode>({ type: 'message', id: `${parent.id}#message`, backendId: this.backendIdOf(parent), text, severity, auth });
  }

  private remember<T extends TreeNode>(node: T): T {
    this.nodes.set(node.id, node);
    return node;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
