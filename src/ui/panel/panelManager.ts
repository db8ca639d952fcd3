import * as vscode from 'vscode';
import type { RunRef } from '../../core';
import { parsePanelState, targetKey, type PanelTarget } from '../../shared/protocol';
import { CreatePanel } from './createPanel';
import { VIEW_TYPE } from './html';
import type { PanelBase, PanelDeps } from './panelBase';
import { RunPanel } from './runPanel';

/** One panel per run (opening it again reveals it) and one Create Run panel per backend; restores panels after a reload. */
export class RunPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, PanelBase>();

  constructor(private readonly deps: Omit<PanelDeps, 'openRun'>) {}

  private get panelDeps(): PanelDeps {
    return { ...this.deps, openRun: (ref) => void this.openRun(ref) };
  }

  /** The open panel of a run, if any. */
  runPanel(ref: RunRef): RunPanel | undefined {
    const p = this.panels.get(targetKey({ mode: 'run', backendId: ref.backendId, runId: ref.runId }));
    return p instanceof RunPanel ? p : undefined;
  }

  get openPanels(): readonly PanelBase[] {
    return [...this.panels.values()];
  }

  openRun(ref: RunRef, options: { focus?: 'resume' | 'output' | 'details'; preserveFocus?: boolean } = {}): RunPanel {
    // Tree clicks do not count as command executions for the walkthrough: it waits for this key.
    this.deps.markDone('openedRun');
    const existing = this.runPanel(ref);
    if (existing) {
      existing.panel.reveal(undefined, options.preserveFocus);
      if (options.focus) existing.focus(options.focus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, ref.runId, { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus }, {});
    const p = this.adoptRun(panel, ref);
    if (options.focus) {
      const section = options.focus;
      // Sent once the webview is ready (posts before that are dropped): the snapshot carries the interrupt.
      const sub = p.onDidPost((m) => {
        if (m.type === 'init') {
          sub.dispose();
          setTimeout(() => p.focus(section), 0);
        }
      });
    }
    return p;
  }

  /** The open Create Run panel of a backend, if any. */
  createPanel(backendId: string): CreatePanel | undefined {
    const p = this.panels.get(targetKey({ mode: 'create', backendId }));
    return p instanceof CreatePanel ? p : undefined;
  }

  /** Opens Create Run for a backend (an open one is revealed as it is); `picks` prefill the template. */
  openCreate(backendId: string, picks: Readonly<Record<string, string>> = {}): CreatePanel {
    const existing = this.createPanel(backendId);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const label = this.deps.backendLabel(backendId);
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Create Run: {0}', label), vscode.ViewColumn.Active, {});
    return this.adopt(new CreatePanel(panel, this.panelDeps, backendId, picks));
  }

  /** Restores a panel after a window reload from the state its webview saved (ids only, validated). */
  restore(panel: vscode.WebviewPanel, state: unknown): PanelBase | undefined {
    const parsed = parsePanelState(state);
    if (!parsed) {
      this.deps.log.warn('Run panel: could not restore a panel (no or unreadable state); closing it');
      panel.dispose();
      return undefined;
    }
    const target: PanelTarget = parsed.target;
    const existing = this.panels.get(targetKey(target));
    if (existing) {
      panel.dispose();
      existing.reveal();
      return existing;
    }
    if (target.mode === 'create') return this.adopt(new CreatePanel(panel, this.panelDeps, target.backendId));
    return this.adoptRun(panel, { backendId: target.backendId, runId: target.runId, ...(target.threadId ? { threadId: target.threadId } : {}) });
  }

  private adoptRun(panel: vscode.WebviewPanel, ref: RunRef): RunPanel {
    const p = this.adopt(new RunPanel(panel, this.panelDeps, ref));
    p.onDidChangeRef(({ from, to }) => {
      const fromKey = targetKey({ mode: 'run', backendId: from.backendId, runId: from.runId });
      if (this.panels.get(fromKey) === p) this.panels.delete(fromKey);
      const toKey = targetKey({ mode: 'run', backendId: to.backendId, runId: to.runId });
      const other = this.panels.get(toKey);
      if (other && other !== p) other.dispose();
      this.panels.set(toKey, p);
    });
    return p;
  }

  private adopt<T extends PanelBase>(p: T): T {
    this.panels.set(targetKey(p.target), p);
    p.onDidDispose(() => {
      const key = targetKey(p.target);
      if (this.panels.get(key) === p) this.panels.delete(key);
    });
    return p;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}
