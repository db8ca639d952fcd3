import * as vscode from 'vscode';
import { errorMessage, isBackendError, type Logger, type Run, type RunAction } from '../../core';
import type { Services } from '../services';
import { inertText } from '../inertText';
import { statusLabel } from '../tree/statusIcon';
import { targetRuns } from './nodeArgs';
import { registerCommand } from './registry';

interface ActionSpec {
  readonly action: RunAction;
  /** The action's name, shown as a prefix ("Delete: ...") and in progress titles (translated). */
  readonly verb: string;
  readonly capability: 'cancel' | 'retry' | 'archive' | 'unarchive' | 'delete';
  /** Destructive actions ask first, naming the runs: whole translated sentences, never assembled from fragments. */
  readonly confirm?: {
    readonly detail: string;
    /** The question for these runs (see `RunNames`: the sentence says "and N more" itself). */
    readonly question: (runs: RunNames) => string;
    readonly button: (count: number) => string;
  };
}

/**
 * The runs a message names: up to five as `"name" (id)`, and how many more there are. Each message has a
 * whole sentence for each case (one run, a few, a few "and N more"), so a translation can order the
 * words its own way.
 */
interface RunNames {
  readonly count: number;
  /** The named runs, `"a" (1), "b" (2)`: inert text (no link or markup). */
  readonly list: string;
  /** How many runs are not named (0 when all are). */
  readonly more: number;
}

const NAMED = 5;

function runNames(runs: readonly Run[]): RunNames {
  const list = runs.slice(0, NAMED).map((r) => `"${r.name}" (${r.runId})`).join(', ');
  return { count: runs.length, list: inertText(list), more: Math.max(0, runs.length - NAMED) };
}

/** A function, so the texts are translated (vscode.l10n.t) when the commands are registered, not when the module loads. */
const ACTIONS = (): Readonly<Record<string, ActionSpec>> => ({
  'runsExplorer.cancelRun': {
    action: 'cancel',
    verb: vscode.l10n.t('Cancel'),
    capability: 'cancel',
    confirm: {
      detail: vscode.l10n.t('The run stops; work in progress is lost.'),
      question: ({ count, list, more }) =>
        count === 1 ? vscode.l10n.t('Cancel run {0}?', list)
          : more === 0 ? vscode.l10n.t('Cancel {0} runs {1}?', count, list)
            : vscode.l10n.t('Cancel {0} runs {1} and {2} more?', count, list, more),
      // The button names the action: a bare "Cancel" would read like the dialog's own dismiss button.
      button: (n) => (n === 1 ? vscode.l10n.t('Cancel Run') : vscode.l10n.t('Cancel {0} Runs', n)),
    },
  },
  'runsExplorer.retryRun': { action: 'retry', verb: vscode.l10n.t('Retry'), capability: 'retry' },
  'runsExplorer.archiveRun': { action: 'archive', verb: vscode.l10n.t('Archive'), capability: 'archive' },
  'runsExplorer.unarchiveRun': { action: 'unarchive', verb: vscode.l10n.t('Unarchive'), capability: 'unarchive' },
  'runsExplorer.deleteRun': {
    action: 'delete',
    verb: vscode.l10n.t('Delete'),
    capability: 'delete',
    confirm: {
      detail: vscode.l10n.t('This cannot be undone.'),
      question: ({ count, list, more }) =>
        count === 1 ? vscode.l10n.t('Delete run {0}?', list)
          : more === 0 ? vscode.l10n.t('Delete {0} runs {1}?', count, list)
            : vscode.l10n.t('Delete {0} runs {1} and {2} more?', count, list, more),
      button: (n) => (n === 1 ? vscode.l10n.t('Delete Run') : vscode.l10n.t('Delete {0} Runs', n)),
    },
  },
});

async function cancelMode(run: Run): Promise<'interrupt' | 'rollback' | undefined | null> {
  if (run.kind !== 'agent-protocol' && run.kind !== 'langgraph') return undefined;
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Interrupt'), description: vscode.l10n.t('stop and keep what the run did so far'), mode: 'interrupt' as const },
      { label: vscode.l10n.t('Rollback'), description: vscode.l10n.t('stop and discard the run'), mode: 'rollback' as const },
    ],
    { title: vscode.l10n.t('Cancel {0}', run.name), placeHolder: vscode.l10n.t('How should the run be cancelled?') },
  );
  return picked ? picked.mode : null;
}

async function performAction(services: Services, spec: ActionSpec, args: readonly unknown[]): Promise<void> {
  const runs = targetRuns(services, args).map((t) => t.run).filter((r) => r.capabilities[spec.capability]);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: select a run that allows it.', spec.verb));
    return;
  }
  if (spec.confirm) {
    const button = spec.confirm.button(runs.length);
    const ok = await vscode.window.showWarningMessage(spec.confirm.question(runNames(runs)), { modal: true, detail: spec.confirm.detail }, button);
    if (ok !== button) return;
  }
  const mode = spec.action === 'cancel' && runs.length > 0 ? await cancelMode(runs[0]) : undefined;
  if (mode === null) return;
  const failures: string[] = [];
  const unknown: Run[] = [];
  const { list, more } = runNames(runs);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: more === 0 ? vscode.l10n.t('{0}: {1}', spec.verb, list) : vscode.l10n.t('{0}: {1} and {2} more', spec.verb, list, more) },
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
  if (failures.length) throw new Error(vscode.l10n.t('{0} failed for {1}', spec.verb, failures.join('; ')));
}

/** A timed-out action: say that its outcome is unknown (it was not re-sent) and offer a Refresh. */
async function reportUnknownOutcome(verb: string, runs: readonly Run[]): Promise<void> {
  const refresh = vscode.l10n.t('Refresh');
  const { list, more } = runNames(runs);
  const text = more === 0
    ? vscode.l10n.t(
      '{0}: the outcome is unknown for {1}. The server did not answer in time, so the request may or may not have taken effect; it was not sent again. Refresh to see the current state.',
      verb,
      list,
    )
    : vscode.l10n.t(
      '{0}: the outcome is unknown for {1} and {2} more. The server did not answer in time, so the request may or may not have taken effect; it was not sent again. Refresh to see the current state.',
      verb,
      list,
      more,
    );
  const choice = await vscode.window.showWarningMessage(text, refresh);
  if (choice === refresh) await vscode.commands.executeCommand('runsExplorer.refresh');
}

export function registerRunCommands(services: Services, log: Logger): vscode.Disposable[] {
  const disposables = Object.entries(ACTIONS()).map(([id, spec]) => registerCommand(id, (...args) => performAction(services, spec, args), log));
  disposables.push(
    registerCommand('runsExplorer.waitForRun', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const run = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waiting for {0}...', target.run.name), cancellable: true },
        (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return backend.waitForRun(target.run, abort.signal);
        },
      );
      services.tree.refresh();
      void vscode.window.showInformationMessage(inertText(vscode.l10n.t('{0}: {1}', run.name, run.state.raw || statusLabel(run.state.status))));
    }, log),
    registerCommand('runsExplorer.copyRunId', async (...args) => {
      const runs = targetRuns(services, args);
      if (runs.length === 0) return;
      await vscode.env.clipboard.writeText(runs.map((t) => t.run.runId).join('\n'));
      vscode.window.setStatusBarMessage(runs.length === 1 ? vscode.l10n.t('Copied {0}', runs[0].run.runId) : vscode.l10n.t('Copied {0} run IDs', runs.length), 3000);
    }, log),
    registerCommand('runsExplorer.openInBrowser', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const url = backend.webUrl(target.run);
      if (!url) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no known web page for runs: set "uiUrl" in its settings.', backend.profile.label));
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }, log),
  );
  return disposables;
}
