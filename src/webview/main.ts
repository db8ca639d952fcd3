// Entry of the run panel's browser code. It talks to the extension only through src/shared/protocol.
import type { HostMessage, WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'init') {
    const title = document.getElementById('title');
    // Server-provided text is always set as text, never as HTML.
    if (title) title.textContent = message.title;
  }
});

vscode.postMessage({ type: 'ready' });
