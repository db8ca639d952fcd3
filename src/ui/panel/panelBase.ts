import * as vscode from 'vscode';
import { BackendError, errorMessage, isBackendError, type Backend, type Logger, type RunRef } from '../../core';
import { l10nField, parseWebviewMessage, requestIdOf, type HostMessage, type L10nBundle, type PanelTarget, type WebviewMessage } from '../../shared/protocol';
import { panelHtml, webviewOptions } from './html';

/** What a panel needs from the rest of the extension (the manager passes it on). */
export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: Logger;
  backend(backendId: string): Backend | undefined;
  backendLabel(backendId: string): string;
  /** runsExplorer.output.maxEvents, read when a panel starts. */
  maxEvents(): number;
  /** Runs a tree command on the panel's run (same confirmations as the tree); resolves when it is done. */
  runCommand(command: string, run: import('../../core').Run): Promise<void>;
  /** Opens (or reveals) the panel of a run: used after Create Run. */
  openRun(ref: RunRef): void;
  /** Tells the tree that something changed (after an action, a resume, a creation). */
  refreshTree(): void;
  /**
   * Sets a walkthrough context key (opened a run, watched a stream, resumed a run). Passed in, not
   * imported: the panels are a bundle of their own (dist/panel.js), and the walkthrough listens to the
   * extension bundle's setContext.
   */
  markDone(step: 'openedRun' | 'watchedStream' | 'resumedRun'): void;
  /** Where exports are suggested (tests replace the dialog). */
  saveDialog(defaultName: string): Promise<vscode.Uri | undefined>;
  /** Interval of the run polls while the run is active and not streaming. */
  readonly pollIntervalMs?: number;
}

/**
 * A webview panel and its typed, validated message channel. Messages from the webview are parsed by
 * the shared validators; what does not validate is logged and ignored (a request id, when present, gets
 * an error reply so the webview never waits forever).
 */
export abstract class PanelBase implements vscode.Disposable {
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Every message sent to the webview (the extension-host tests listen here). */
  readonly onDidPost = this.posted.event;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  /** Aborted when the panel closes: every request, stream and poll of the panel listens to it. */
  protected readonly lifetime = new AbortController();
  protected ready = false;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly deps: PanelDeps,
    public target: PanelTarget,
  ) {
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = panelHtml(panel.webview, deps.extensionUri, panel.title);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.handleMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  /** Entry point of every message from the webview (public for the tests). */
  async handleMessage(raw: unknown): Promise<void> {
    if (this.disposed) return;
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Run panel: ignored a message from the webview (${parsed.reason})`);
      const id = requestIdOf(raw);
      if (id) this.post({ type: 'reply', requestId: id, ok: false, error: vscode.l10n.t('The extension did not understand this request.') });
      return;
    }
    const message = parsed.message;
    try {
      if (message.type === 'ready') {
        this.ready = true;
        await this.onReady();
      } else if (message.type === 'log') {
        this.deps.log[message.level](`Run panel: ${message.text}`);
      } else {
        await this.onRequest(message);
      }
    } catch (e) {
      if (this.disposed) return;
      this.deps.log.error(`Run panel: ${message.type} failed: ${errorMessage(e)}`);
      if ('requestId' in message) this.replyError(message.requestId, e);
    }
  }

  /**
   * The `l10n` field of every `init` message: VS Code's translations (`vscode.l10n.bundle`, the
   * l10n/bundle.l10n.<lang>.json of the display language) for the webview's `@vscode/l10n`; none in English.
   */
  protected l10nInit(): { readonly l10n?: L10nBundle } {
    return l10nField(vscode.l10n.bundle);
  }

  protected abstract onReady(): Promise<void>;
  protected abstract onRequest(message: Exclude<WebviewMessage, { type: 'ready' | 'log' }>): Promise<void>;

  /** Sends a message once the webview listens (earlier state is sent as a snapshot on `ready`). */
  protected post(message: HostMessage): void {
    void this.postDelivered(message);
  }

  /** Like `post`; resolves once VS Code has handed the message to the webview (or it could not). */
  protected async postDelivered(message: HostMessage): Promise<void> {
    if (this.disposed || !this.ready) return;
    this.posted.fire(message);
    await Promise.resolve(this.panel.webview.postMessage(message)).then(undefined, (e: unknown) => this.deps.log.debug(`Run panel: postMessage failed: ${errorMessage(e)}`));
  }

  protected reply(requestId: string, result?: unknown): void {
    this.post({ type: 'reply', requestId, ok: true, ...(result !== undefined ? { result } : {}) });
  }

  protected replyError(requestId: string, e: unknown): void {
    const rejected = isBackendError(e) && (e.code === 'rejected' || e.code === 'unknown-outcome');
    this.post({ type: 'reply', requestId, ok: false, error: errorMessage(e), ...(rejected ? { rejected: true } : {}) });
  }

  protected backendOrThrow(backendId: string): Backend {
    const backend = this.deps.backend(backendId);
    if (!backend) throw new BackendError('not-found', vscode.l10n.t('The backend "{0}" is no longer configured: add it again or close this panel.', backendId));
    return backend;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    this.onDispose();
    this.disposedEmitter.fire();
    for (const d of this.subscriptions) d.dispose();
    this.panel.dispose();
    this.posted.dispose();
    this.disposedEmitter.dispose();
  }

  protected onDispose(): void {
    // Subclasses stop their timers here.
  }
}
