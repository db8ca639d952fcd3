import * as vscode from 'vscode';

export type ContextKey = 'backendCount' | 'sandboxRunning' | 'openedRun' | 'watchedStream' | 'resumedRun';

const listeners = new Set<(key: ContextKey, value: number | boolean) => void>();

/**
 * Context keys used by `when` clauses in package.json (welcome view, title-bar buttons) and by the
 * walkthrough's completion events (backendCount, openedRun, watchedStream, resumedRun).
 */
export function setContext(key: ContextKey, value: number | boolean): void {
  void vscode.commands.executeCommand('setContext', `runsExplorer.${key}`, value);
  for (const listener of listeners) listener(key, value);
}

/**
 * Called on every setContext: the walkthrough (walkthrough.ts) completes its steps from here, because the
 * workbench only sees a context key change while its getting-started service exists.
 */
export function onDidSetContext(listener: (key: ContextKey, value: number | boolean) => void): vscode.Disposable {
  listeners.add(listener);
  return new vscode.Disposable(() => listeners.delete(listener));
}
