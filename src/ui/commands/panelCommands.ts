import * as vscode from 'vscode';
import { errorMessage, type Backend, type Logger, type Run, type RunRef } from '../../core';
import { clampMaxEvents } from '../../shared/eventBuffer';
import type { RunPanelManager } from '../panel/panelManager';
import type { Services } from '../services';
import type { ItemNode } from '../tree/nodes';
import { targetBackendId, targetRuns } from './nodeArgs';
import { setContext } from '../contextKeys';
import { LazyPanels } from './lazyPanels';
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

export function createPanelManager(Manager: typeof RunPanelManager, services: Services, log: Logger): RunPanelManager {
  return new Manager({
    extensionUri: services.context.extensionUri,
    log,
    backend: (id) => services.backends.get(id),
    backendLabel: (id) => services.profiles.get(id)?.label ?? id,
    maxEvents: () => clampMaxEvents(vscode.workspace.getConfiguration('runsExplorer').get<number>('output.maxEvents')),
    runCommand: async (command, run) => {
      await vscode.commands.executeCommand(command, runItemNode(run));
    },
    refreshTree: () => services.tree.refresh(),
    markDone: (step) => setContext(step, true),
    saveDialog: async (name) => vscode.window.showSaveDialog({ saveLabel: vscode.l10n.t('Export'), filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] }, defaultUri: defaultExportUri(name) }),
  });
}

/**
 * The choices of the backend's Create Run form (agent, assistant, thread, experiment, run mode) as quick
 * picks; the answers prefill the editor. Undefined when the user cancels; `{}` when there is nothing to
 * ask or the server could not say (the panel then shows the plain template).
 */
async function askCreateChoices(backend: Backend, log: Logger): Promise<Record<string, string> | undefined> {
  if (!backend.createRunForm) return {};
  const form = backend.createRunForm.bind(backend);
  let choices;
  try {
    choices = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Create Run: asking {0}...', backend.profile.label) }, () => form())).choices;
  } catch (e) {
    log.warn(`Create Run: could not list the choices of ${backend.profile.label}: ${errorMessage(e)}`);
    return {};
  }
  const picks: Record<string, string> = {};
  for (const [i, choice] of choices.entries()) {
    const items = choice.options.map((o) => ({ label: o.label, ...(o.description ? { description: o.description } : {}), value: o.value }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Create Run on {0} ({1}/{2})', backend.profile.label, i + 1, choices.length),
      placeHolder: vscode.l10n.t('{0}?', choice.title),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    picks[choice.key] = picked.value;
  }
  return picks;
}

function defaultExportUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
}

export function registerPanelCommands(services: Services, log: Logger): vscode.Disposable[] {
  const panels = new LazyPanels((Manager) => createPanelManager(Manager, services, log), services.context.extensionPath);
  return [
    panels,
    panels.registerSerializer(),
    registerCommand('runsExplorer.openRun', (...args) => {
      const ref = targetRef(services, args);
      if (!ref) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open Run: select a run in the Runs view.'));
        return;
      }
      panels.manager.openRun(ref);
    }, log),
    registerCommand('runsExplorer.createRun', async (...args) => {
      let backendId = targetBackendId(services, args);
      if (!backendId) {
        const picked = await vscode.window.showQuickPick(services.profiles.profiles.map((p) => ({ label: p.label, description: p.kind, id: p.id })), { title: vscode.l10n.t('Create Run'), placeHolder: vscode.l10n.t('On which backend?') });
        backendId = picked?.id;
      }
      if (!backendId) return;
      const backend = services.backends.get(backendId);
      if (!backend) throw new Error(vscode.l10n.t('Create Run: no backend "{0}" is configured.', backendId));
      if (panels.manager.createPanel(backendId)) {
        panels.manager.openCreate(backendId); // already open: keep what is being written
        return;
      }
      const picks = await askCreateChoices(backend, log);
      if (picks) panels.manager.openCreate(backendId, picks);
    }, log),
    registerCommand('runsExplorer.resumeRun', (...args) => {
      const ref = targetRef(services, args);
      if (!ref) return;
      panels.manager.openRun(ref, { focus: 'resume' });
    }, log),
    registerCommand('runsExplorer.exportOutput', async (...args) => {
      const ref = targetRef(services, args);
      if (!ref) return;
      // The output lives in the run's panel: open it (the stream fills it), then export what it holds.
      const panel = panels.manager.runPanel(ref) ?? panels.manager.openRun(ref, { preserveFocus: true });
      try {
        const path = await panel.exportOutput();
        if (path) void vscode.window.showInformationMessage(vscode.l10n.t('Exported the output of {0} to {1}.', ref.runId, path));
      } catch (e) {
        throw new Error(vscode.l10n.t('Export Output failed: {0}', errorMessage(e)));
      }
    }, log),
  ];
}
