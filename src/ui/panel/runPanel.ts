import * as vscode from 'vscode';
import { BackendError, errorMessage, isActive, isBackendError, isTerminal, type Backend, type BackendNode, type InterruptInfo, type OutputEvent, type Run, type RunRef } from '../../core';
import { EventBuffer } from '../../shared/eventBuffer';
import { prettyJson } from '../../shared/jsonText';
import type { EventView, InterruptView, PanelAction, StreamState, TaskView, WebviewMessage } from '../../shared/protocol';
import { checkJsonText, exampleFor } from '../../shared/schema';
import { PanelBase, type PanelDeps } from './panelBase';
import { eventView, exportLine, localEventView, runView, taskView } from './views';

/** Events are sent to the webview in batches: at most one message per this many ms. */
const FLUSH_MS = 50;
/** Largest replay message after a webview reload (events per message). */
const REPLAY_CHUNK = 5000;
/** Task table rows fetched at most (nested tasks included). */
const MAX_TASKS = 2000;
/** Largest log text sent to the webview. */
const MAX_LOG_CHARS = 5_000_000;

/** The tree command behind each panel action (so confirmations and progress are the tree's own). */
const ACTION_COMMANDS: Readonly<Record<Exclude<PanelAction, 'copyId' | 'reconnect'>, string>> = {
  cancel: 'runsExplorer.cancelRun',
  retry: 'runsExplorer.retryRun',
  archive: 'runsExplorer.archiveRun',
  unarchive: 'runsExplorer.unarchiveRun',
  delete: 'runsExplorer.deleteRun',
  wait: 'runsExplorer.waitForRun',
  openInBrowser: 'runsExplorer.openInBrowser',
};

/**
 * The panel of one run: header, output (followed live), details, tasks, resume. The host is the source
 * of truth (bounded by runsExplorer.output.maxEvents); the webview gets a snapshot on `ready` and then
 * batched updates, so a reloaded webview shows the same thing.
 */
export class RunPanel extends PanelBase {
  private readonly events: EventBuffer<EventView>;
  private pending: EventView[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** An `events` message is on its way to the webview. */
  private inFlight = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private stream: AbortController | undefined;
  private streamState: { state: StreamState; text?: string } = { state: 'idle' };
  private run: Run | undefined;
  private interrupt: InterruptView | undefined;
  private tasks: TaskView[] | undefined;
  private lastResumeText: string | undefined;
  /** Id of the last server event of the followed run: a re-follow resumes after it (Last-Event-ID) where the server can. */
  private lastEventId: { runId: string; id: string } | undefined;
  private loadError: string | undefined;
  private readonly refChanged = new vscode.EventEmitter<{ from: RunRef; to: RunRef }>();
  /** Fired when the panel follows another run (LangGraph resumes as a new run): the manager re-keys it. */
  readonly onDidChangeRef = this.refChanged.event;

  constructor(panel: vscode.WebviewPanel, deps: PanelDeps, ref: RunRef) {
    super(panel, deps, { mode: 'run', backendId: ref.backendId, runId: ref.runId, ...(ref.threadId ? { threadId: ref.threadId } : {}) });
    this.events = new EventBuffer<EventView>(deps.maxEvents());
    void this.follow();
  }

  get ref(): RunRef {
    const t = this.target as Extract<typeof this.target, { mode: 'run' }>;
    return { backendId: t.backendId, runId: t.runId, ...(t.threadId ? { threadId: t.threadId } : {}) };
  }

  /** The output kept for this run (for Export Output and the tests). */
  outputEvents(): readonly EventView[] {
    return this.events.toArray();
  }

  get droppedEvents(): number {
    return this.events.dropped;
  }

  get currentStreamState(): StreamState {
    return this.streamState.state;
  }

  /** Resolves once the first load is over (stream ended or failed) or after `timeoutMs` for a live run. */
  settled(timeoutMs = 3000): Promise<void> {
    const done = (): boolean => this.streamState.state !== 'idle' && this.streamState.state !== 'connecting' && (this.streamState.state !== 'live' || this.events.length + this.pending.length > 0);
    return new Promise((resolve) => {
      const t0 = Date.now();
      const check = (): void => {
        if (done() || this.isDisposed || Date.now() - t0 >= timeoutMs) resolve();
        else setTimeout(check, 100);
      };
      check();
    });
  }

  // ---- webview channel ----

  protected async onReady(): Promise<void> {
    const ref = this.ref;
    this.post({ type: 'init', mode: 'run', backendId: ref.backendId, runId: ref.runId, ...(ref.threadId ? { threadId: ref.threadId } : {}), backendLabel: this.deps.backendLabel(ref.backendId), maxEvents: this.events.max, ...this.l10nInit() });
    if (this.loadError) this.post({ type: 'error', text: this.loadError });
    if (this.run) this.postRun(this.run);
    this.flushNow(true);
    const all = this.events.toArray();
    if (all.length === 0) this.post({ type: 'events', events: [], dropped: this.events.dropped, reset: true });
    for (let i = 0; i < all.length; i += REPLAY_CHUNK) this.post({ type: 'events', events: all.slice(i, i + REPLAY_CHUNK), dropped: this.events.dropped, reset: i === 0 });
    this.post({ type: 'stream', state: this.streamState.state, ...(this.streamState.text ? { text: this.streamState.text } : {}) });
    this.post({ type: 'interrupt', ...(this.interrupt ? { interrupt: this.interrupt } : {}) });
    if (this.tasks) this.post({ type: 'tasks', tasks: this.tasks });
  }

  protected async onRequest(message: Exclude<WebviewMessage, { type: 'ready' | 'log' }>): Promise<void> {
    switch (message.type) {
      case 'action':
        await this.action(message.action);
        this.reply(message.requestId);
        return;
      case 'resume':
        this.reply(message.requestId, await this.resume(message.text));
        return;
      case 'export':
        this.reply(message.requestId, await this.exportOutput());
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.reply(message.requestId);
        return;
      case 'taskLog':
        this.reply(message.requestId, await this.taskLog(message.taskId));
        return;
      case 'loadTasks':
        await this.loadTasks();
        this.reply(message.requestId);
        return;
      case 'create':
        throw new BackendError('rejected', vscode.l10n.t('This panel shows a run; Create Run has its own panel.'));
    }
  }

  /** Asks the webview to show a section (Resume Run from the tree opens the panel there). */
  focus(section: 'resume' | 'output' | 'details'): void {
    this.post({ type: 'focus', section });
  }

  // ---- following the run ----

  private backend(): Backend {
    return this.backendOrThrow(this.ref.backendId);
  }

  private setStream(state: StreamState, text?: string): void {
    this.streamState = { state, ...(text ? { text } : {}) };
    this.post({ type: 'stream', state, ...(text ? { text } : {}) });
  }

  private postRun(run: Run): void {
    const backend = this.deps.backend(run.backendId);
    this.post({ type: 'run', run: runView(run, this.deps.backendLabel(run.backendId), Boolean(backend?.webUrl(run))) });
  }

  private setRun(run: Run): void {
    const before = this.run?.state.status;
    this.run = run;
    this.loadError = undefined;
    this.panel.title = run.name;
    this.postRun(run);
    // An ACP / Agent Protocol run waits for input; a LangGraph run ends while its thread waits (resume capability).
    const waits = run.state.status === 'needs-input' || run.capabilities.resume;
    if (waits && (before !== run.state.status || !this.interrupt)) void this.loadInterrupt();
    if (!waits && this.interrupt) {
      this.interrupt = undefined;
      this.post({ type: 'interrupt' });
    }
  }

  /** Loads the run, then streams its output until the stream ends; then polls while the run is active. */
  async follow(): Promise<void> {
    this.stopPoll();
    this.stream?.abort();
    const stream = new AbortController();
    this.stream = stream;
    const signal = AbortSignal.any([this.signal, stream.signal]);
    const ref = this.ref;
    this.setStream('connecting');
    let backend: Backend;
    try {
      backend = this.backend();
      this.setRun(await backend.getRun(ref, signal));
    } catch (e) {
      if (signal.aborted) return;
      this.loadError = errorMessage(e);
      this.post({ type: 'error', text: this.loadError });
      this.setStream('error', this.loadError);
      if (!(isBackendError(e) && e.code === 'not-found')) this.schedulePoll();
      return;
    }
    this.setStream('live');
    let count = 0;
    try {
      const lastEventId = this.lastEventId?.runId === ref.runId ? this.lastEventId.id : undefined;
      for await (const batch of backend.streamOutput(ref, { signal, ...(lastEventId !== undefined ? { lastEventId } : {}) })) {
        if (signal.aborted) break;
        if (count === 0) this.deps.markDone('watchedStream');
        count += batch.length;
        for (const event of batch) {
          if (event.id !== undefined && event.type !== 'gap') this.lastEventId = { runId: ref.runId, id: event.id };
          this.addEvent(event);
        }
      }
      if (signal.aborted) return;
      this.setStream('ended', count ? undefined : vscode.l10n.t('No output (yet) from this run.'));
    } catch (e) {
      if (signal.aborted) return;
      const text = vscode.l10n.t('Output stream stopped: {0}', errorMessage(e));
      this.deps.log.warn(`Run panel ${ref.backendId}/${ref.runId}: ${text}`);
      this.addLocal('stream-error', text);
      this.setStream('error', text);
    } finally {
      if (this.stream === stream) this.stream = undefined;
    }
    await this.refreshRun(signal);
    this.schedulePoll();
  }

  private async refreshRun(signal: AbortSignal): Promise<void> {
    try {
      this.setRun(await this.backend().getRun(this.ref, signal));
    } catch (e) {
      if (signal.aborted) return;
      if (isBackendError(e) && e.code === 'not-found') {
        this.loadError = vscode.l10n.t('{0} (the run may have been deleted)', errorMessage(e));
        this.post({ type: 'error', text: this.loadError });
        this.stopPoll();
        return;
      }
      this.deps.log.warn(`Run panel: refreshing ${this.ref.runId} failed: ${errorMessage(e)}`);
    }
  }

  /** While the run is active and nothing streams, its status is polled (and a new stream started when it runs again). */
  private schedulePoll(): void {
    this.stopPoll();
    if (this.isDisposed || this.stream) return;
    const status = this.run?.state.status;
    if (status && isTerminal(status)) return;
    if (status && !isActive(status) && status !== 'unknown' && status !== 'paused') return;
    this.pollTimer = setTimeout(() => void this.poll(), this.deps.pollIntervalMs ?? 5000);
  }

  private async poll(): Promise<void> {
    this.pollTimer = undefined;
    if (this.isDisposed || this.stream) return;
    const before = this.run?.state.status;
    await this.refreshRun(this.signal);
    if (this.isDisposed) return;
    const now = this.run?.state.status;
    // Resumed or restarted elsewhere: follow the output again.
    if (before !== now && (now === 'running' || now === 'queued')) {
      void this.follow();
      return;
    }
    this.schedulePoll();
  }

  private stopPoll(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private addEvent(event: OutputEvent): void {
    this.queue(eventView(this.events.total + this.pending.length, event));
  }

  private addLocal(type: string, text: string): void {
    this.queue(localEventView(this.events.total + this.pending.length, type, text));
  }

  private queue(view: EventView): void {
    this.pending.push(view);
    // While a message is on its way, a fast stream piles up here: what the bound would drop anyway is
    // kept (counted, exported) but never sent, so memory and traffic stay bounded.
    const max = this.events.max;
    if (this.pending.length >= 2 * max) this.events.pushAll(this.pending.splice(0, this.pending.length - max));
    this.scheduleFlush(FLUSH_MS);
  }

  private scheduleFlush(ms: number): void {
    if (!this.flushTimer && !this.inFlight) this.flushTimer = setTimeout(() => this.flushNow(), ms);
  }

  /**
   * Sends the pending events, one message at a time: the next goes when VS Code has delivered this one,
   * so a burst becomes a few large messages instead of a queue the webview works through for seconds.
   * `force` sends even while one is on its way (export and replay need every event in the buffer now).
   */
  private flushNow(force = false): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0 || (this.inFlight && !force)) return;
    const batch = this.pending;
    this.pending = [];
    this.events.pushAll(batch);
    // More than the bound: only the newest are sent (the webview keeps no more; it starts after the gap).
    const sent = batch.length > this.events.max ? batch.slice(batch.length - this.events.max) : batch;
    this.inFlight = true;
    void this.postDelivered({ type: 'events', events: sent, dropped: this.events.dropped }).finally(() => {
      this.inFlight = false;
      if (this.pending.length) this.scheduleFlush(0);
    });
  }

  // ---- interrupt and resume ----

  private interruptLoading = false;

  private async loadInterrupt(): Promise<void> {
    if (this.interruptLoading) return;
    this.interruptLoading = true;
    let info: InterruptInfo | undefined;
    try {
      info = await this.backend().getInterrupt(this.ref, this.signal);
    } catch (e) {
      if (this.signal.aborted) return;
      this.deps.log.warn(`Run panel: reading the interrupt of ${this.ref.runId} failed: ${errorMessage(e)}`);
      info = { payload: { error: vscode.l10n.t('The interrupt could not be read: {0}', errorMessage(e)) } };
    } finally {
      this.interruptLoading = false;
    }
    if (this.isDisposed) return;
    this.interrupt = info ? this.interruptView(info) : undefined;
    this.post({ type: 'interrupt', ...(this.interrupt ? { interrupt: this.interrupt } : {}) });
  }

  private interruptView(info: InterruptInfo): InterruptView {
    const example = exampleFor(info.resumeSchema);
    const prefill = example !== undefined ? prettyJson(example) : (this.lastResumeText ?? '{}');
    return { ...(info.type ? { type: info.type } : {}), payload: info.payload, ...(info.resumeSchema !== undefined ? { resumeSchema: info.resumeSchema } : {}), prefill };
  }

  /**
   * Sends a resume value: checked again here (JSON, schema) before anything goes out, sent once, then the
   * panel follows the run the backend names (LangGraph resumes as a new run).
   */
  async resume(text: string): Promise<{ runId: string }> {
    const run = this.run;
    if (!this.interrupt && !(run && (run.capabilities.resume || run.state.status === 'needs-input'))) {
      throw new BackendError('rejected', vscode.l10n.t('This run is not waiting for input (any more).'));
    }
    const checked = checkJsonText(text, this.interrupt?.resumeSchema);
    if (!checked.ok) throw new BackendError('rejected', checked.problems.map((p) => p.message).join('\n'));
    const from = this.ref;
    const to = await this.backend().resume(from, checked.value, this.signal);
    this.lastResumeText = text;
    this.interrupt = undefined;
    this.deps.markDone('resumedRun');
    this.post({ type: 'interrupt' });
    this.addLocal('resumed', to.runId === from.runId ? vscode.l10n.t('Resumed: following the run again.') : vscode.l10n.t('Resumed as run {0}: following it.', to.runId));
    this.deps.refreshTree();
    if (to.runId !== from.runId || to.backendId !== from.backendId || to.threadId !== from.threadId) {
      this.target = { mode: 'run', backendId: to.backendId, runId: to.runId, ...(to.threadId ? { threadId: to.threadId } : {}) };
      this.refChanged.fire({ from, to });
      this.post({ type: 'init', mode: 'run', backendId: to.backendId, runId: to.runId, ...(to.threadId ? { threadId: to.threadId } : {}), backendLabel: this.deps.backendLabel(to.backendId), maxEvents: this.events.max, ...this.l10nInit() });
    }
    void this.follow();
    return { runId: to.runId };
  }

  // ---- actions ----

  private async action(action: PanelAction): Promise<void> {
    if (action === 'reconnect') {
      void this.follow();
      return;
    }
    if (action === 'copyId') {
      await vscode.env.clipboard.writeText(this.ref.runId);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', this.ref.runId), 3000);
      return;
    }
    const run = this.run ?? (await this.backend().getRun(this.ref, this.signal));
    const allowed = action === 'openInBrowser' ? Boolean(this.deps.backend(run.backendId)?.webUrl(run)) : run.capabilities[action];
    if (!allowed) throw new BackendError('rejected', vscode.l10n.t('{0}: "{1}" is not possible for this run now.', run.name, action));
    await this.deps.runCommand(ACTION_COMMANDS[action], run);
    if (this.isDisposed || action === 'openInBrowser') return;
    await this.refreshRun(this.signal);
    if (action === 'retry' && this.run && isActive(this.run.state.status)) void this.follow();
    else this.schedulePoll();
  }

  /** Export Output: the kept events as JSON lines, to a file the user picks. Returns the path, or undefined when cancelled. */
  async exportOutput(uri?: vscode.Uri): Promise<string | undefined> {
    await this.settled();
    this.flushNow(true);
    const target = uri ?? (await this.deps.saveDialog(`${this.ref.runId.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`));
    if (!target) return undefined;
    const lines = this.events.toArray().map(exportLine);
    await vscode.workspace.fs.writeFile(target, Buffer.from(lines.join('\n') + (lines.length ? '\n' : ''), 'utf8'));
    const path = target.scheme === 'file' ? target.fsPath : target.toString();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0} events to {1}', lines.length, path), 5000);
    return path;
  }

  // ---- tasks and logs ----

  private runNode(run: Run): BackendNode {
    return { type: 'run', key: `run:${run.runId}`, label: run.name, expandable: true, run, scope: { runId: run.runId } };
  }

  /** The run's tasks (KFP tasks, ICA attempts) as the backends list them under the run node, nested ones included. */
  async loadTasks(): Promise<void> {
    const backend = this.backend();
    const run = this.run ?? (await backend.getRun(this.ref, this.signal));
    const rows: TaskView[] = [];
    let truncated = false;
    const walk = async (parent: BackendNode, depth: number): Promise<void> => {
      let cursor: string | undefined;
      do {
        const page = await backend.listChildren(parent, { pageSize: 200, cursor, signal: this.signal });
        for (const node of page.items) {
          if (rows.length >= MAX_TASKS) {
            truncated = true;
            return;
          }
          if (!node.task) continue;
          rows.push(taskView(node.task, depth));
          if (node.expandable && depth < 8) await walk(node, depth + 1);
        }
        cursor = page.next;
      } while (cursor && rows.length < MAX_TASKS);
    };
    try {
      await walk(this.runNode(run), 0);
      this.tasks = rows;
      this.post({ type: 'tasks', tasks: rows, ...(truncated ? { truncated: true } : {}) });
    } catch (e) {
      if (this.signal.aborted) return;
      this.post({ type: 'tasks', error: errorMessage(e) });
    }
  }

  private async taskLog(taskId: string): Promise<string> {
    // Only tasks of this run, as listed: the webview cannot make up ids.
    if (!this.tasks?.some((t) => t.id === taskId)) throw new BackendError('rejected', vscode.l10n.t('Task {0} is not a task of this run.', taskId));
    const text = await this.backend().getLog(this.ref, taskId, this.signal);
    return text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}\n${vscode.l10n.t('[... truncated: {0} more characters]', text.length - MAX_LOG_CHARS)}` : text;
  }

  protected override onDispose(): void {
    this.stream?.abort();
    this.stopPoll();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.refChanged.dispose();
  }
}
