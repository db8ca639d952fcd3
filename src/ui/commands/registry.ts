import * as vscode from 'vscode';
import { errorMessage, type Logger } from '../../core';
import { inertText } from '../inertText';

export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * Registers a command whose failures become a clear error message and a log line, never an
 * unhandled rejection.
 */
export function registerCommand(id: string, handler: CommandHandler, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (e) {
      const text = errorMessage(e);
      log.error(`${id}: ${text}`);
      void vscode.window.showErrorMessage(inertText(text));
      return undefined;
    }
  });
}
