import * as vscode from 'vscode';
import type { BackendProfile, Logger } from '../../core';
import { removeProfiles } from '../profiles/profileWriter';
import type { Services } from '../services';
import { askCredential, backendFlow } from './addBackend';
import { targetBackendId } from './nodeArgs';
import { registerCommand } from './registry';
import { testConnection } from './testConnection';

/** The backend a command is about: the clicked one, else a quick pick of all. */
async function pickProfile(services: Services, args: readonly unknown[], title: string): Promise<BackendProfile | undefined> {
  const id = targetBackendId(services, args);
  const direct = id ? services.profiles.get(id) : undefined;
  if (direct) return direct;
  const all = services.profiles.profiles;
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No backend is configured yet: use Add Backend... first.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((p) => ({ label: p.label, description: `${p.kind} · ${p.baseUrl}`, profile: p })),
    { title, placeHolder: vscode.l10n.t('Choose a backend') },
  );
  return picked?.profile;
}

export function registerBackendCommands(services: Services, log: Logger): vscode.Disposable[] {
  return [
    registerCommand('runsExplorer.addBackend', () => backendFlow(services), log),
    registerCommand('runsExplorer.editBackend', async (...args) => {
      const profile = await pickProfile(services, args, vscode.l10n.t('Edit Backend'));
      if (profile) await backendFlow(services, profile);
    }, log),
    registerCommand('runsExplorer.removeBackend', async (...args) => {
      const profile = await pickProfile(services, args, vscode.l10n.t('Remove Backend'));
      if (!profile) return;
      const remove = vscode.l10n.t('Remove');
      const ok = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the backend "{0}"?', profile.label),
        { modal: true, detail: vscode.l10n.t('{0}\n\nIts stored credentials are deleted too. Runs on the server are not touched.', profile.baseUrl) },
        remove,
      );
      if (ok !== remove) return;
      await removeProfiles([profile.id]);
      await services.secrets.delete(profile.id);
      services.backends.prune();
    }, log),
    registerCommand('runsExplorer.setCredentials', async (...args) => {
      const profile = await pickProfile(services, args, vscode.l10n.t('Set Credentials'));
      if (profile && (await askCredential(services, profile))) services.tree.refresh();
    }, log),
    registerCommand('runsExplorer.testConnection', async (...args) => {
      const profile = await pickProfile(services, args, vscode.l10n.t('Test Connection'));
      if (profile) await testConnection(services, profile);
    }, log),
  ];
}
