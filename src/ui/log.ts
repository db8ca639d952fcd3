import * as vscode from 'vscode';
import type { Logger } from '../core';
import { redact } from './redact';

/** The "Runs Explorer" log channel as a core Logger; every line passes through redaction first. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

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

  private clean(text: string): string {
    return redact(text, this.secrets());
  }
}
