import * as vscode from 'vscode';
import type { Logger } from '../../core';
import type { Services } from '../services';
import { registerCommand } from './registry';

export function registerSandboxCommands(services: Services, log: Logger): vscode.Disposable[] {
  return [
    registerCommand('runsExplorer.trySandbox', async () => {
      const profiles = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Starting the sandbox servers...' },
        () => services.sandbox.start(),
      );
      services.tree.refresh();
      void vscode.window.showInformationMessage(`Sandbox running on this machine: ${profiles.map((p) => p.label).join(', ')}. Stop it with "Runs Explorer: Stop the Sandbox".`);
    }, log),
    registerCommand('runsExplorer.stopSandbox', async () => {
      await services.sandbox.stop();
      services.tree.refresh();
    }, log),
  ];
}
