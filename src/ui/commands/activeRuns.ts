import * as vscode from 'vscode';
import type { Logger } from '../../core';
import type { Services } from '../services';
import { statusLabel } from '../tree/statusIcon';
import { registerCommand } from './registry';

/** Quick pick of the active runs the tree has loaded; choosing one opens it. */
export function registerShowActiveRuns(services: Services, log: Logger): vscode.Disposable {
  return registerCommand('runsExplorer.showActiveRuns', async () => {
    const active = services.activeRuns.active();
    if (active.length === 0) {
      // Runs are known once a list is loaded: offer the view rather than query every backend.
      const showView = vscode.l10n.t('Show Runs View');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No active runs in the lists loaded so far. Open a backend in the Runs view to load its runs.'), showView);
      if (choice === showView) await vscode.commands.executeCommand('runsExplorer.runs.focus');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      active.map((run) => ({ label: run.name, description: `${statusLabel(run.state.status)} · ${services.profiles.get(run.backendId)?.label ?? run.backendId}`, detail: run.runId, run })),
      { title: vscode.l10n.t('Active Runs'), placeHolder: vscode.l10n.t('Open a run'), matchOnDetail: true },
    );
    if (picked) await vscode.commands.executeCommand('runsExplorer.openRun', picked.run);
  }, log);
}
