// Shared set-up of the extension-host tests: the activated extension, a sandbox, settings and UI stubs.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox';
import type { RunsExplorerApi } from '../../../src/ui/api';
import type { TreeNode } from '../../../src/ui/tree/nodes';

export const EXTENSION_ID = 'runs-explorer.runs-explorer';

export async function extension(): Promise<{ ext: vscode.Extension<RunsExplorerApi>; api: RunsExplorerApi }> {
  const ext = vscode.extensions.getExtension<RunsExplorerApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return { ext, api: await ext.activate() };
}

/** The sandbox from the extension's own bundle, in this (the extension host's) process. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { ext } = await extension();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(ext.extensionPath, 'dist', 'sandbox.js')) as { startSandbox(o: SandboxOptions): Promise<Sandbox> };
  return mod.startSandbox({ seed: 7, runs: 30, ...options });
}

export async function setBackends(backends: unknown[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('runsExplorer').update('backends', backends, vscode.ConfigurationTarget.Global);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('runsExplorer').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The root node of a backend, once the tree shows it. */
export async function backendRoot(api: RunsExplorerApi, id: string): Promise<TreeNode> {
  return waitFor(`backend ${id} in the tree`, async () => (await api.treeChildren()).find((n) => n.type === 'backend' && n.profile.id === id));
}

export async function child(api: RunsExplorerApi, parent: TreeNode, label: string | RegExp): Promise<TreeNode> {
  const children = await api.treeChildren(parent);
  const found = children.find((n) => (typeof label === 'string' ? api.treeLabel(n) === label : label.test(api.treeLabel(n))));
  if (!found) throw new Error(`no child ${String(label)} under ${parent.id}: ${children.map((n) => api.treeLabel(n)).join(', ')}`);
  return found;
}

type Stub = (...args: never[]) => unknown;
type WindowStubs = Partial<Record<'showInputBox' | 'showQuickPick' | 'showWarningMessage' | 'showInformationMessage' | 'showErrorMessage' | 'showSaveDialog', Stub>>;

/**
 * Replaces `window.show*` functions (the UI boundary) for the length of `body`; answers are given in
 * order per function. Calls are recorded.
 */
export async function withDialogs<T>(stubs: WindowStubs, body: () => Thenable<T>): Promise<T> {
  const win = vscode.window as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  for (const [name, fn] of Object.entries(stubs)) {
    saved.set(name, win[name]);
    win[name] = fn;
  }
  try {
    return await body();
  } finally {
    for (const [name, fn] of saved) win[name] = fn;
  }
}

/** A stub answering a sequence of values. */
export function answers<T>(...values: T[]): (...args: unknown[]) => Promise<T | undefined> {
  const queue = [...values];
  return async () => queue.shift();
}
