import * as vscode from 'vscode';
import { errorMessage, type Logger, type Run, type RunRef } from '../../core';
import { clampMaxEvents } from '../../shared/eventBuffer';
import { RunPanelManager } from '../panel/panelManager';
import type { Services } from '../services';
import type { ItemNode } from '../tree/nodes';
import { targetBackendId, targetRuns } from './nodeArgs';
import { registerCommand } from './registry';

/** A tree node for a run, so the panel's buttons run the tree's own commands (same confirmations). */
export function runItemNode(run: Run): ItemNode {
  return { type: 'item', id: `${run.backendId}/run:${run.runId}`, backendId: run.backendId, node: { type: 'run', key: `run:${run.runId}`, label: run.name, expandable: false, run } };
}

function isRunRef(value: unknown): value is RunRef {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.backendId === 'string' && typeof v.runId === 'string' && (v.threadId === undefined || typeof v.threadId === 'string');
}

/** The run a panel command applies to: a tree node (or the selection), or a run/run ref (status bar, notifications, tests). */
function targetRef(services: Services, args: readonly unknown[]): RunRef | undefined {
  const [first] = args;
  if (isRunRef(first)) return { backendId: first.backendId, runId: first.runId, ...(first.threadId ? { threadId: first.threadId } : {}) };
  const [target] = targetRuns(services, args);
  if (!target) return undefined;
  const { backendId, runId, threadId } = target.run;
  return { backendId, runId, ...(threadId ? { threadId } : {}) };
}

export function createPanelManager(services: Services, log: Logger): RunPanelManager {
  return new RunPanelManager({
    extensionUri: services.context.extensionUri,
    log,
    backend: (id) => services.backends.get(id),
    backendLabel: (id) => services.profiles.get(id)?.label ?? id,
    maxEvents: () => clampMaxEvents(vscode.workspace.getConfiguration('runsExplorer').get<number>('output.maxEvents')),
    runCommand: async (command, run) => {
      await vscode.commands.executeCommand(command, runItemNode(run));
    },
    refreshTree: () => services.tree.refresh(),
    saveDialog: async (name) => vscode.window.showSaveDialog({ saveLabel: 'Export', filters: { 'JSON Lines': ['jsonl'] }, defaultUri: defaultExportUri(name) }),
  });
}

function defaultExportUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
}

export function registerPanelCommands(services: Services, log: Logger, manager: RunPanelManager = createPanelManager(services, log)): vscode.Disposable[] {
  return [
    manager,
    manager.registerSerializer(),
    registerCommand('runsExplorer.openRun', (...args) => {
      const ref = targetRef(services, args);
      if (!ref) {
        void vscode.window.showInformationMessage('Open Run: select a run in the Runs view.');
        return;
      }
      manager.openRun(ref);
    }, log),
    registerCommand('runsExplorer.createRun', async (...args) => {
      let backendId = targetBackendId(services, args);
      if (!backendId) {
        const picked = await vscode.window.showQuickPick(services.profiles.profiles.map((p) => ({ label: p.label, description: p.kind, id: p.id })), { title: 'Create Run', placeHolder: 'On which backend?' });
        backendId = picked?.id;
      }
      if (!backendId) return;
      if (!services.backends.get(backendId)) throw new Error(`Create Run: no backend "${backendId}" is configured.`);
      manager.openCreate(backendId);
    }, log),
    registerCommand('runsExplorer.resumeRun', (...args) => {
      const ref = targetRef(services, args);
      if (!ref) return;
      manager.openRun(ref, { focus: 'resume' });
    }, log),
    registerCommand('runsExplorer.exportOutput', async (...args) => {
      const ref = targetRef(services, args);
      if (!ref) return;
      // The output lives in the run's panel: open it (the stream fills it), then export what it holds.
      const panel = manager.runPanel(ref) ?? manager.openRun(ref, { preserveFocus: true });
      try {
        const path = await panel.exportOutput();
        if (path) void vscode.window.showInformationMessage(`Exported the output of ${ref.runId} to ${path}.`);
      } catch (e) {
        throw new Error(`Export Output failed: ${errorMessage(e)}`);
      }
    }, log),
  ];
}
