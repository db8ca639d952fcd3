import * as vscode from 'vscode';
import { BackendError, errorMessage, type BackendProfile } from '../../core';
import { inertText } from '../inertText';
import type { Services } from '../services';

/** Checks a backend with one request and says plainly what happened; offers the fix for a 401. */
export async function testConnection(services: Services, profile: BackendProfile): Promise<boolean> {
  const backend = services.backends.get(profile);
  if (!backend) return false;
  try {
    const info = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing ${profile.label}...`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return backend.testConnection(abort.signal);
      },
    );
    void vscode.window.showInformationMessage(inertText(`${profile.label}: connected. ${info.summary}`));
    return true;
  } catch (e) {
    const auth = e instanceof BackendError && e.code === 'auth';
    const action = await vscode.window.showErrorMessage(
      inertText(`${profile.label}: connection failed. ${errorMessage(e)}`),
      ...(auth ? ['Set Credentials'] : []),
      'Edit Backend',
    );
    if (action === 'Set Credentials') await vscode.commands.executeCommand('runsExplorer.setCredentials', profile.id);
    if (action === 'Edit Backend') await vscode.commands.executeCommand('runsExplorer.editBackend', profile.id);
    return false;
  }
}
