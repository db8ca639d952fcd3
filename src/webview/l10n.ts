// Translations of the run panel (issue 8). The webview cannot call vscode.l10n: it uses @vscode/l10n, whose
// `t` reads the same bundle format, with the bundle the host sends in its `init` message
// (vscode.l10n.bundle; none in English). Every shown string of src/webview goes through l10n.t(...) when
// it is shown, never at module load (the bundle arrives later): test/unit/architecture/l10n.test.ts.
// The words here are used by several views; this module has no DOM, so the unit tests run it in Node.
import * as l10n from '@vscode/l10n';
import { parseL10nBundle } from '../shared/protocol';

let statusLabels: Readonly<Record<string, string>> | undefined;

/** Uses the translations of an `init` message (validated; anything unusable means English). */
export function configureL10n(bundle: unknown): void {
  l10n.config({ contents: parseL10nBundle(bundle) ?? {} });
  statusLabels = undefined;
}

/**
 * A run or task status in words. In English these are src/shared/time.ts STATUS_LABELS, and the tree
 * says the same (src/ui/tree/statusIcon.ts): the l10n test checks all three agree.
 */
export function statusLabel(status: string): string {
  statusLabels ??= {
    queued: l10n.t('Queued'),
    running: l10n.t('Running'),
    'needs-input': l10n.t('Needs input'),
    succeeded: l10n.t('Succeeded'),
    failed: l10n.t('Failed'),
    canceling: l10n.t('Canceling'),
    canceled: l10n.t('Canceled'),
    paused: l10n.t('Paused'),
    skipped: l10n.t('Skipped'),
    'timed-out': l10n.t('Timed out'),
    unknown: l10n.t('Unknown'),
  };
  return Object.prototype.hasOwnProperty.call(statusLabels, status) ? statusLabels[status] : status;
}

/** The notice shown above the output when events were dropped (undefined when none were). */
export function droppedNotice(dropped: number, max: number): string | undefined {
  if (dropped <= 0) return undefined;
  const kept = max.toLocaleString('en-US');
  return dropped === 1
    ? l10n.t('1 older event dropped (only the last {0} are kept: setting runsExplorer.output.maxEvents)', kept)
    : l10n.t('{0} older events dropped (only the last {1} are kept: setting runsExplorer.output.maxEvents)', dropped.toLocaleString('en-US'), kept);
}

/** A collapsed row's first line of a text of several lines (src/shared/time.ts previewText). */
export function moreLines(line: string, extraLines: number): string {
  return extraLines === 1 ? l10n.t('{0} (+1 line)', line) : l10n.t('{0} (+{1} lines)', line, extraLines);
}
