// Messages between the extension (src/ui) and the run panel's webview (src/webview). Both sides import
// this module; nothing here may use vscode or Node APIs.

/** Webview -> extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly text: string };

/** Extension -> webview. */
export type HostMessage = { readonly type: 'init'; readonly title: string };

const WEBVIEW_TYPES: ReadonlySet<string> = new Set(['ready', 'log']);

/** Validates a message that came from the webview; anything else is rejected (and logged by the host). */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string' || !WEBVIEW_TYPES.has(m.type)) return undefined;
  if (m.type === 'ready') return { type: 'ready' };
  if ((m.level === 'info' || m.level === 'warn' || m.level === 'error') && typeof m.text === 'string') {
    return { type: 'log', level: m.level, text: m.text.slice(0, 2000) };
  }
  return undefined;
}
