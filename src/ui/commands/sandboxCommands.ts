import * as vscode from 'vscode';
import type { Logger } from '../../core';
import type { Services } from '../services';
import { registerCommand } from './registry';

export function registerSandboxCommands(services: Services, log: Logger): vscode.Disposable[] {
  return [
    registerCommand('runsExplorer.trySandbox', async () => {
      const profiles = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the sandbox servers...') },
        () => services.sandbox.start(),
      );
      services.tree.refresh();
      void vscode.window.showInformationMessage(vscode.l10n.t('Sandbox running on this machine: {0}. Stop it with "Runs Explorer: Stop the Sandbox".', profiles.map((p) => p.label).join(', ')));
    }, log),
    registerCommand('runsExplorer.stopSandbox', async () => {
      await services.sandbox.stop();
      services.tree.refresh();
    }, log),
  ];
}
