import type { BrowserContext } from 'playwright-core';
import type { ChildProcess } from 'child_process';

export interface CodeServer {
  port: number;
  tmp: string;
  proc: ChildProcess;
  logFile: string;
  settingsFile: string;
  stop(): void;
  url(folder: string, payload?: Array<[string, string]>): string;
  remote(file: string): string;
}
export interface StartOptions {
  port?: number;
  vsix?: string;
  devMode?: boolean;
  settings?: Record<string, unknown>;
  tmpRoot?: string;
  stdio?: 'inherit' | 'file';
}
export function startCodeServer(options?: StartOptions): Promise<CodeServer>;
export function launchBrowser(profileDir: string, options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
export function freePort(): Promise<number>;
export const BASE_SETTINGS: Record<string, unknown>;
