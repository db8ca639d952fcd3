import * as vscode from 'vscode';
import { errorMessage, isBackendError, type BackendNode, isActive, type Logger, type Run, type RunFilter } from '../../core';
import type { BackendManager } from '../backendManager';
import type { ProfileStore } from '../profiles/profileStore';
import { fingerprint } from './fingerprint';
import { backendNodeId, itemNodeId, type BackendRootNode, type ItemNode, type LoadMoreNode, type MessageNode, type TreeNode } from './nodes';
import { statusLabel } from './statusIcon';
import { itemTooltip, toTreeItem, type BackendSummary } from './treeItems';

/** A loaded list under one parent: the pages fetched so far and the cursor of the next one. */
interface LoadedList {
  items: TreeNode[];
  next?: string;
}

/** Most APIs cap a page at 1000: a refresh re-reads what is loaded in one request up to that. */
const MAX_REFRESH_PAGE = 1000;

export interface RefreshOutcome {
  readonly requests: number;
  readonly changedRows: number;
  /** The first failure, for the scheduler's backoff (Retry-After). */
  readonly error?: unknown;
}

/** The Runs tree: backends at the root, then what each backend lists, one page at a time. */
export class RunsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly runsLoaded = new vscode.EventEmitter<void>();
  /** Fires when runs were loaded or refreshed (status bar, notifications). */
  readonly onDidLoadRuns = this.runsLoaded.event;
  private readonly lists = new Map<string, LoadedList>();
  private readonly nodes = new Map<string, TreeNode>();
  private readonly parents = new Map<string, string>();
  private readonly expanded = new Set<string>();
  private readonly summaries = new Map<string, BackendSummary>();
  private readonly filters = new Map<string, RunFilter>();
  private readonly countTexts = new Map<string, string | undefined>();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly backends: BackendManager,
    private readonly log: Logger,
    private readonly pageSize: () => number,
  ) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const summary = node.type === 'backend' ? (this.summaries.get(node.profile.id) ?? this.counts(node.profile.id)) : undefined;
    const item = toTreeItem(node, summary);
    if (node.type === 'backend') {
      const filter = this.filters.get(node.profile.id);
      if (filter) {
        item.description = vscode.l10n.t('{0} · filtered: {1}', typeof item.description === 'string' ? item.description : '', describeFilter(filter));
        item.contextValue = `${item.contextValue ?? ''} filtered`;
      }
    }
    return item;
  }

  /** Fills in what a row needs only when hovered (its tooltip). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'item' && item.tooltip === undefined) item.tooltip = itemTooltip(node);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const parentId = this.parents.get(node.id);
    return parentId ? this.nodes.get(parentId) : undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (!isList(node)) return [];
    const cached = this.lists.get(node.id);
    if (cached) return this.withMore(node, cached);
    const list = await this.fetchPage(node, undefined);
    this.lists.set(node.id, list);
    if (list.items.some((n) => n.type === 'item' && n.node.run)) this.loaded();
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
    this.loaded();
  }

  /** Drops loaded lists and re-reads what is visible (the manual Refresh). */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.lists.clear();
      this.summaries.clear();
    } else {
      this.dropLists(node.id);
    }
    this.changed.fire(node);
  }

  /**
   * The automatic refresh: one request per loaded, expanded list, re-reading what it shows; only rows
   * that changed are updated (a list whose membership changed is redrawn as a whole).
   */
  async refreshExpanded(signal?: AbortSignal): Promise<RefreshOutcome> {
    let requests = 0;
    let changedRows = 0;
    let error: unknown;
    for (const [parentId, list] of [...this.lists]) {
      if (signal?.aborted) break;
      const parent = this.nodes.get(parentId);
      if (!parent || !this.expanded.has(parentId)) continue;
      const loaded = list.items.filter((n) => n.type === 'item').length;
      requests++;
      const fresh = await this.fetchPage(parent, undefined, Math.min(Math.max(this.pageSize(), loaded), MAX_REFRESH_PAGE), true);
      if (fresh.error) {
        error ??= fresh.error;
        continue;
      }
      changedRows += this.merge(parent, list, fresh);
    }
    if (requests > 0) this.loaded();
    return { requests, changedRows, error };
  }

  /** Tracks expansion so refreshes only touch what the user sees. */
  setExpanded(node: TreeNode, expanded: boolean): void {
    if (expanded) this.expanded.add(node.id);
    else this.expanded.delete(node.id);
  }

  /** Whether some expanded list of this backend is loaded (its runs are then refreshed by the tree). */
  coversBackend(backendId: string): boolean {
    for (const id of this.lists.keys()) {
      if (!this.expanded.has(id)) continue;
      const node = this.nodes.get(id);
      if (node && (node.type === 'backend' ? node.profile.id : node.backendId) === backendId) return true;
    }
    return false;
  }

  /** Lists that an automatic refresh would re-read now. */
  expandedListCount(): number {
    let n = 0;
    for (const id of this.lists.keys()) if (this.expanded.has(id)) n++;
    return n;
  }

  setFilter(backendId: string, filter: RunFilter | undefined): void {
    if (filter && (filter.text || filter.statuses?.length)) this.filters.set(backendId, filter);
    else this.filters.delete(backendId);
    const root = this.nodes.get(backendNodeId(backendId));
    this.dropLists(backendNodeId(backendId));
    this.changed.fire(root);
  }

  filterOf(backendId: string): RunFilter | undefined {
    return this.filters.get(backendId);
  }

  /** "3 running, 1 needs input" from the loaded runs of a backend (each run counted once). */
  private counts(backendId: string): BackendSummary | undefined {
    const seen = new Map<string, Run>();
    for (const run of this.loadedRuns()) if (run.backendId === backendId) seen.set(`${run.threadId ?? ''}/${run.runId}`, run);
    if (seen.size === 0) return undefined;
    let running = 0;
    let needsInput = 0;
    for (const run of seen.values()) {
      if (run.state.status === 'needs-input') needsInput++;
      else if (isActive(run.state.status)) running++;
    }
    const parts = [running ? vscode.l10n.t('{0} running', running) : '', needsInput ? vscode.l10n.t('{0} needs input', needsInput) : ''].filter(Boolean);
    return { text: parts.length ? parts.join(', ') : vscode.l10n.t('no active runs') };
  }

  /** Redraws backend rows whose counts changed after runs were (re)loaded. */
  private updateCounts(): void {
    for (const profile of this.profiles.profiles) {
      const text = this.counts(profile.id)?.text;
      if (text === this.countTexts.get(profile.id)) continue;
      this.countTexts.set(profile.id, text);
      const root = this.nodes.get(backendNodeId(profile.id));
      if (root) this.changed.fire(root);
    }
  }

  /** Runs currently loaded anywhere in the tree. */
  loadedRuns(): Run[] {
    const runs: Run[] = [];
    for (const list of this.lists.values()) for (const n of list.items) if (n.type === 'item' && n.node.run) runs.push(n.node.run);
    return runs;
  }

  private roots(): TreeNode[] {
    return this.profiles.profiles.map((profile) => this.remember<BackendRootNode>({ type: 'backend', id: backendNodeId(profile.id), profile }, undefined));
  }

  private backendIdOf(node: TreeNode): string {
    return node.type === 'backend' ? node.profile.id : node.backendId;
  }

  private async fetchPage(parent: TreeNode, cursor: string | undefined, pageSize = this.pageSize(), quiet = false): Promise<LoadedList & { error?: unknown }> {
    const backendId = this.backendIdOf(parent);
    const backend = this.backends.get(backendId);
    if (!backend) return { items: [this.message(parent, vscode.l10n.t('Backend is no longer configured'), 'warning')] };
    const parentNode: BackendNode | undefined = parent.type === 'item' ? parent.node : undefined;
    try {
      const page = await backend.listChildren(parentNode, { pageSize, cursor, filter: this.filters.get(backendId) });
      if (parent.type === 'backend' && this.summaries.delete(backendId) && quiet) this.changed.fire(parent);
      const items: TreeNode[] = page.items.map((n) => this.remember<ItemNode>({ type: 'item', id: itemNodeId(backendId, n.key), backendId, node: n }, parent.id));
      if (items.length === 0 && !cursor) items.push(this.message(parent, this.filters.has(backendId) ? vscode.l10n.t('No runs match the filter') : vscode.l10n.t('Nothing here yet'), 'info'));
      return { items, next: page.next };
    } catch (e) {
      const text = errorMessage(e);
      this.log.error(`${backend.profile.label}: ${text}`);
      const auth = isBackendError(e) && e.code === 'auth';
      if (parent.type === 'backend' || auth) {
        const root = this.nodes.get(backendNodeId(backendId));
        this.summaries.set(backendId, { error: auth ? vscode.l10n.t('Unauthorized: Set Credentials') : quiet ? vscode.l10n.t('Refresh failed: {0}', text) : vscode.l10n.t('Unreachable or failing') });
        // The root's own row changes too: redraw it once this load has returned.
        if (root) setTimeout(() => this.changed.fire(root), 0);
      }
      // The row sits under its backend: drop the "KFP at https://host: " prefix there, keep it in the tooltip.
      const short = text.replace(/^[^:]{1,40} at \S+?: /, '');
      return { items: [this.message(parent, short, 'error', auth, text)], error: e };
    }
  }

  /** Applies a re-read list; returns how many rows changed. */
  private merge(parent: TreeNode, list: LoadedList, fresh: LoadedList): number {
    const sameMembers = fresh.items.length === list.items.length && fresh.items.every((n, i) => n.id === list.items[i].id);
    if (!sameMembers) {
      list.items = fresh.items;
      list.next = fresh.next;
      this.changed.fire(parent);
      return fresh.items.length;
    }
    list.next = fresh.next;
    let changedRows = 0;
    fresh.items.forEach((node, i) => {
      const old = list.items[i];
      if (node.type === 'item' && old.type === 'item' && fingerprint(node.node) === fingerprint(old.node)) return;
      list.items[i] = node;
      changedRows++;
      this.changed.fire(node);
    });
    return changedRows;
  }

  private dropLists(id: string): void {
    const list = this.lists.get(id);
    this.lists.delete(id);
    for (const n of list?.items ?? []) this.dropLists(n.id);
  }

  private withMore(parent: TreeNode, list: LoadedList): TreeNode[] {
    if (!list.next) return list.items;
    const more = this.remember<LoadMoreNode>({ type: 'more', id: `${parent.id}#more`, backendId: this.backendIdOf(parent), parentId: parent.id }, parent.id);
    return [...list.items, more];
  }

  private message(parent: TreeNode, text: string, severity: MessageNode['severity'], auth = false, detail?: string): MessageNode {
    return this.remember<MessageNode>({ type: 'message', id: `${parent.id}#message`, backendId: this.backendIdOf(parent), text, severity, auth, detail }, parent.id);
  }

  private remember<T extends TreeNode>(node: T, parentId: string | undefined): T {
    this.nodes.set(node.id, node);
    if (parentId) this.parents.set(node.id, parentId);
    return node;
  }

  private loaded(): void {
    this.updateCounts();
    this.runsLoaded.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.runsLoaded.dispose();
  }
}

function isList(node: TreeNode): boolean {
  return node.type === 'backend' || (node.type === 'item' && node.node.expandable);
}

export function describeFilter(filter: RunFilter): string {
  const parts: string[] = [];
  // The same (translated) status words as the rows, not the ids.
  if (filter.statuses?.length) parts.push(filter.statuses.map(statusLabel).join(', '));
  if (filter.text) parts.push(`"${filter.text}"`);
  return parts.join(' · ');
}
