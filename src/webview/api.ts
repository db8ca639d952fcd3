// The webview's side of the channel: typed posts, requests with ids and their replies, persisted state.
import type { HostMessage, PanelState, WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export type Reply = { ok: true; result?: unknown } | { ok: false; error: string; rejected?: boolean };

type Request = WebviewMessage extends infer M ? (M extends { requestId: string } ? Omit<M, 'requestId'> : never) : never;

let counter = 0;
const pending = new Map<string, (reply: Reply) => void>();

export function send(message: WebviewMessage): void {
  vscode.postMessage(message);
}

/** Posts a request and resolves with the host's reply (never rejects). */
export function request(message: Request): Promise<Reply> {
  const requestId = `r${++counter}`;
  return new Promise((resolve) => {
    pending.set(requestId, resolve);
    vscode.postMessage({ ...message, requestId } as WebviewMessage);
  });
}

/** Routes replies to their requests; returns false for other messages. */
export function handleReply(message: HostMessage): boolean {
  if (message.type !== 'reply') return false;
  const resolve = pending.get(message.requestId);
  pending.delete(message.requestId);
  if (resolve) resolve(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error, ...(message.rejected ? { rejected: true } : {}) });
  return true;
}

export function loadState(): Partial<PanelState> {
  const s = vscode.getState();
  return typeof s === 'object' && s !== null ? (s as Partial<PanelState>) : {};
}

/** Merges into the persisted state (what the serializer gets back after a window reload). */
export function saveState(patch: Partial<PanelState>): void {
  const next = { ...loadState(), ...patch, v: 1 };
  for (const [k, v] of Object.entries(next)) if (v === undefined) delete (next as Record<string, unknown>)[k];
  vscode.setState(next);
}

export function log(level: 'info' | 'warn' | 'error', text: string): void {
  vscode.postMessage({ type: 'log', level, text });
}
