import * as vscode from 'vscode';

/**
 * Context keys used by `when` clauses in package.json (welcome view, title-bar buttons) and by the
 * walkthrough's completion events (openedRun, watchedStream, resumedRun).
 */
export function setContext(key: 'backendCount' | 'sandboxRunning' | 'openedRun' | 'watchedStream' | 'resumedRun', value: number | boolean): void {
  void vscode.commands.executeCommand('setContext', `runsExplorer.${key}`, value);
}
