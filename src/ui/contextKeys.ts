import * as vscode from 'vscode';

/** Context keys used by `when` clauses in package.json (welcome view, title-bar buttons). */
export function setContext(key: 'backendCount' | 'sandboxRunning', value: number | boolean): void {
  void vscode.commands.executeCommand('setContext', `runsExplorer.${key}`, value);
}
