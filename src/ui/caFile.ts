import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Logger } from '../core';

/** Reads `runsExplorer.caFile` when set; a missing file is reported once per path, not thrown. */
export function caFileReader(log: Logger): () => string | undefined {
  const reported = new Set<string>();
  return () => {
    const file = vscode.workspace.getConfiguration('runsExplorer').get<string>('caFile', '').trim();
    if (!file) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      if (!reported.has(file)) {
        reported.add(file);
        const text = vscode.l10n.t('runsExplorer.caFile: cannot read {0} ({1})', file, e instanceof Error ? e.message : String(e));
        log.error(text);
        void vscode.window.showErrorMessage(text);
      }
      return undefined;
    }
  };
}
