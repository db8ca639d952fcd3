import * as vscode from 'vscode';
import { errorMessage, isBackendError, type Logger, type Run, type RunAction } from '../../core';
import type { Services } from '../services';
import { inertText } from '../inertText';
import { targetRuns } from './nodeArgs';
import { registerCommand } from './registry';

interface ActionSpec {
  readonly action: RunAction;
  readonly verb: string;
  readonly capability: 'cancel' | 'retry' | 'archive' | 'unarchive' | 'delete';
  /** Destructive actions ask first, naming the runs. */
  readonly confirm?: string;
}

const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  'runsExplorer.cancelRun': { action: 'cancel', verb: 'Cancel', capability: 'cancel', confirm: 'The run stops; work in progress is lost.' },
  'runsExplorer.retryRun': { action: 'retry', verb: 'Retry', capability: 'retry' },
  'runsExplorer.archiveRun': { action: 'archive', verb: 'Archive', capability: 'archive' },
  'runsExplorer.unarchiveRun': { action: 'unarchive', verb: 'Unarchive', capability: 'unarchive' },
  'runsExplorer.deleteRun': { action: 'delete', verb: 'Delete', capability: 'delete', confirm: 'This cannot be undone.' },
};

function names(runs: readonly Run[]): string {
  const shown = runs.slice(0, 5).map((r) => `"${r.name}" (${r.runId})`);
  return inertText(runs.length > 5 ? `${shown.join(', ')} and ${runs.length - 5} more` : shown.join(', '));
}

async function cancelMode(run: Run): Promise<'interrupt' | 'rollback' | undefined | null> {
  if (run.kind !== 'agent-protocol' && run.kind !== 'langgraph') return undefined;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Interrupt', description: 'stop and keep what the run did so far', mode: 'interrupt' as const },
      { label: 'Rollback', description: 'stop and discard the run', mode: 'rollback' as const },
    ],
    { title: `Cancel ${run.name}`, placeHolder: 'How should the run be cancelled?' },
  );
  return picked ? picked.mode : null;
}

async function performAction(services: Services, spec: ActionSpec, args: readonly unknown[]): Promise<void> {
  const runs = targetRuns(services, args).map((t) => t.run).filter((r) => r.capabilities[spec.capability]);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`${spec.verb}: select a run that allows it.`);
    return;
  }
  if (spec.confirm) {
    // The button names the action: a bare "Cancel" would read like the dialog's own dismiss button.
    const button = runs.length === 1 ? `${spec.verb} Run` : `${spec.verb} ${runs.length} Runs`;
    const ok = await vscode.window.showWarningMessage(
      `${spec.verb} ${runs.length === 1 ? 'run' : `${runs.length} runs`} ${names(runs)}?`,
      { modal: true, detail: spec.confirm },
      button,
    );
    if (ok !== button) return;
  }
  const mode = spec.action === 'cancel' && runs.length > 0 ? await cancelMode(runs[0]) : undefined;
  if (mode === null) return;
  const failures: string[] = [];
  const unknown: Run[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${spec.verb}: ${names(runs)}` },
    async () => {
      // Each POST is sent once; a failure is reported, never retried behind the user's back.
      for (const run of runs) {
        const backend = services.backends.get(run.backendId);
        if (!backend) continue;
        try {
          await backend.perform(run, spec.action, { cancelMode: mode ?? undefined });
        } catch (e) {
          // No answer to the POST: it may or may not have happened. Never re-sent; the user checks.
          if (isBackendError(e) && e.code === 'unknown-outcome') unknown.push(run);
          else failures.push(`${run.name}: ${errorMessage(e)}`);
        }
      }
    },
  );
  services.tree.refresh();
  services.autoRefresh.burst();
  if (unknown.length) void reportUnknownOutcome(spec.verb, unknown);
  if (failures.length) throw new Error(`${spec.verb} failed for ${failures.join('; ')}`);
}

/** A timed-out action: say that its outcome is unknown (it was not re-sent) and offer a Refresh. */
async function reportUnknownOutcome(verb: string, runs: readonly Run[]): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    `${verb}: the outcome is unknown for ${names(runs)}. The server did not answer in time, so the request may or may not have taken effect; it was not sent again. Refresh to see the current state.`,
    'Refresh',
  );
  if (choice === 'Refresh') await vscode.commands.executeCommand('runsExplorer.refresh');
}

export function registerRunCommands(services: Services, log: Logger): vscode.Disposable[] {
  const disposables = Object.entries(ACTIONS).map(([id, spec]) => registerCommand(id, (...args) => performAction(services, spec, args), log));
  disposables.push(
    registerCommand('runsExplorer.waitForRun', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const run = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Waiting for ${target.run.name}...`, cancellable: true },
        (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return backend.waitForRun(target.run, abort.signal);
        },
      );
      services.tree.refresh();
      void vscode.window.showInformationMessage(inertText(`${run.name}: ${run.state.raw || run.state.status}`));
    }, log),
    registerCommand('runsExplorer.copyRunId', async (...args) => {
      const runs = targetRuns(services, args);
      if (runs.length === 0) return;
      await vscode.env.clipboard.writeText(runs.map((t) => t.run.runId).join('\n'));
      vscode.window.setStatusBarMessage(`Copied ${runs.length === 1 ? runs[0].run.runId : `${runs.length} run IDs`}`, 3000);
    }, log),
    registerCommand('runsExplorer.openInBrowser', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const url = backend.webUrl(target.run);
      if (!url) {
        void vscode.window.showInformationMessage(`${backend.profile.label} has no known web page for runs: set "uiUrl" in its settings.`);
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }, log),
  );
  return disposables;
}
