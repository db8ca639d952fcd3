import * as vscode from 'vscode';
import type { Logger } from '../core';
import { redact } from './redact';

/** The "Runs Explorer" log channel as a core Logger; every line passes through redaction first. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** The last lines written, after redaction (what the tests check for leaks). */
  private readonly recent: string[] = [];

  constructor(private readonly secrets: () => readonly string[]) {
    this.channel = vscode.window.createOutputChannel('Runs Explorer', { log: true });
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string | Error): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : message;
    this.channel.error(this.clean(text));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  recentLines(): readonly string[] {
    return this.recent;
  }

  private clean(text: string): string {
    const line = redact(text, this.secrets());
    this.recent.push(line);
    if (this.recent.length > 500) this.recent.splice(0, this.recent.length - 500);
    return line;
  }
}
