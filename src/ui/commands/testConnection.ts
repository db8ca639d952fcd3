import * as vscode from 'vscode';
import { errorMessage, isBackendError, type BackendProfile } from '../../core';
import { inertText } from '../inertText';
import type { Services } from '../services';

/** Checks a backend with one request and says plainly what happened; offers the fix for a 401. */
export async function testConnection(services: Services, profile: BackendProfile): Promise<boolean> {
  const backend = services.backends.get(profile);
  if (!backend) return false;
  try {
    const info = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing {0}...', profile.label), cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return backend.testConnection(abort.signal);
      },
    );
    void vscode.window.showInformationMessage(inertText(vscode.l10n.t('{0}: connected. {1}', profile.label, info.summary)));
    return true;
  } catch (e) {
    const auth = isBackendError(e) && e.code === 'auth';
    const setCredentials = vscode.l10n.t('Set Credentials');
    const editBackend = vscode.l10n.t('Edit Backend');
    const action = await vscode.window.showErrorMessage(
      inertText(vscode.l10n.t('{0}: connection failed. {1}', profile.label, errorMessage(e))),
      ...(auth ? [setCredentials] : []),
      editBackend,
    );
    if (action === setCredentials) await vscode.commands.executeCommand('runsExplorer.setCredentials', profile.id);
    if (action === editBackend) await vscode.commands.executeCommand('runsExplorer.editBackend', profile.id);
    return false;
  }
}
