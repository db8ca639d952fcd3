import {
  BackendError,
  followEventStream,
  STREAM_IDLE_MS,
  isBackendError,
  matchesText,
  offsetWindow,
  type ActionOptions,
  type Backend,
  type BackendDeps,
  type BackendNode,
  type BackendProfile,
  type ConnectionInfo,
  type CreateRunForm,
  type CreateRunFormOptions,
  type CreateRunRequest,
  type InterruptInfo,
  type ListOptions,
  type OutputBatch,
  type Page,
  type Run,
  type RunAction,
  type RunRef,
  type StreamOptions,
} from '../../core';
import { apiKey, HttpClient, originOf, profileHttpOptions, type HttpClientOptions } from '../../http';
import { graphOf, runNode, threadInterrupts, threadNode, toInterrupt, toRun } from './adapter';
import { LangGraphClient } from './client';
import { assistantLabel, lgCreateSchema, threadLabel } from './createForm';
import { isActiveRun, lgRunStatusesFor, lgThreadStatusesFor } from './status';
import { errorMessage } from './util';
import type { LgRunStatus, LgStreamMode, LgThreadStatus, RunCreate, Run as WireRun } from './wire';

/** Stream modes asked for on runs created here: state, node updates, and the graph's own writes. */
const STREAM_MODES: LgStreamMode[] = ['values', 'updates', 'custom'];
/** Assistants and threads Create Run offers. */
const MAX_FORM_ITEMS = 100;
const MAX_FORM_THREADS = 20;

/**
 * The `langgraph` kind: threads (newest first, with status) > their runs. Runs are thread-scoped,
 * so every RunRef carries its thread. Resume is a new run on the interrupted thread with `command.resume`
 * (created resumable, so the panel's join replays it from the first event).
 */
export class LangGraphBackend implements Backend {
  readonly client: LangGraphClient;
  private readonly http: HttpClient;

  constructor(
    readonly profile: BackendProfile,
    private readonly deps: BackendDeps,
    httpOverrides: Partial<HttpClientOptions> = {},
  ) {
    this.http = new HttpClient({
      ...profileHttpOptions(profile, deps, { label: `LangGraph at ${originOf(profile.baseUrl)}`, header: apiKey, errorMessage }),
      ...httpOverrides,
    });
    this.client = new LangGraphClient(this.http);
  }

  async listChildren(parent: BackendNode | undefined, options: ListOptions): Promise<Page<BackendNode>> {
    if (!parent) return this.listThreads(options);
    if (parent.type === 'thread') return this.listRuns(parent.scope?.['threadId'] ?? '', parent.scope?.['status'], options);
    return { items: [] };
  }

  private async listThreads(options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    const raw = lgThreadStatusesFor(options.filter?.statuses ?? []);
    const { items } = await this.client.searchThreads(
      {
        limit: win.limit,
        offset: win.offset,
        sort_by: 'created_at',
        sort_order: 'desc',
        ...(raw.length === 1 ? { status: raw[0] as LgThreadStatus } : {}),
      },
      { signal: options.signal },
    );
    const page = win.slice(items);
    const nodes = page.items
      .filter((t) => raw.length <= 1 || raw.includes(t.status ?? ''))
      .map(threadNode)
      .filter((n) => matchesText(options.filter?.text, [n.label, n.scope?.['threadId']]));
    return { items: nodes, ...(page.next ? { next: page.next } : {}) };
  }

  /**
   * Runs of a thread. langgraph-api 2.0 (in memory) pages with `slice(offset, limit)`, so `limit` is sent
   * as offset + page + 1: right on that server and on a correct one (the extra head is cut here).
   */
  private async listRuns(threadId: string, threadStatus: string | undefined, options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    const size = win.limit - 1;
    const raw = lgRunStatusesFor(options.filter?.statuses ?? []);
    const runs = await this.client.listThreadRuns(
      threadId,
      { offset: win.offset, limit: win.offset + win.limit, ...(raw.length === 1 ? { status: raw[0] as LgRunStatus } : {}) },
      { signal: options.signal },
    );
    const window = runs.slice(0, size + 1);
    const more = window.length > size;
    const items = window
      .slice(0, size)
      .filter((r) => raw.length <= 1 || raw.includes(r.status))
      .map((r) => toRun(this.profile.id, r, threadStatus))
      .filter((r) => matchesText(options.filter?.text, [r.name, r.runId, r.agentId]))
      .map(runNode);
    return { items, ...(more ? { next: String(win.offset + size) } : {}) };
  }

  private threadOf(ref: RunRef): string {
    if (!ref.threadId) throw new BackendError('not-found', `${this.http.label}: run ${ref.runId} has no thread (LangGraph runs are thread-scoped)`);
    return ref.threadId;
  }

  async getRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    const threadId = this.threadOf(ref);
    const [run, thread] = await Promise.all([
      this.client.getThreadRun(threadId, ref.runId, { signal }),
      this.client.getThread(threadId, { signal }).catch(() => undefined),
    ]);
    return toRun(this.profile.id, run, thread?.status);
  }

  /** Cancel: `POST .../cancel?action=interrupt|rollback` (rollback also deletes the run); delete: `DELETE`. */
  async perform(ref: RunRef, action: RunAction, options: ActionOptions = {}): Promise<void> {
    const threadId = this.threadOf(ref);
    if (action === 'cancel') {
      await this.client.cancelThreadRun(threadId, ref.runId, { action: options.cancelMode ?? 'interrupt' }, { signal: options.signal });
      return;
    }
    if (action === 'delete') {
      await this.client.deleteThreadRun(threadId, ref.runId, { signal: options.signal });
      return;
    }
    throw new BackendError('unsupported', `${this.http.label}: LangGraph runs cannot be ${action === 'retry' ? 'retried' : `${action}d`}`);
  }

  /**
   * Joins the run's stream from the first event (`Last-Event-ID: -1` replays resumable runs) and, after a
   * drop, from the last id seen. A stopped run with nothing to replay shows the thread's state instead.
   */
  async *streamOutput(ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch> {
    const threadId = this.threadOf(ref);
    const { signal } = options;
    let delivered = 0;
    const events = followEventStream((lastEventId, s) => this.client.streamThreadRun(threadId, ref.runId, { signal: s, lastEventId }), {
      signal,
      lastEventId: options.lastEventId ?? '-1',
      resumable: true,
      idleMs: this.deps.streamIdleMs ?? STREAM_IDLE_MS,
      finished: async () => !isActiveRun((await this.client.getThreadRun(threadId, ref.runId, { signal })).status),
      onProblem: (m) => this.deps.log.warn(`${this.http.label}: run ${ref.runId}: ${m}`),
    });
    for await (const batch of events) {
      delivered += batch.length;
      yield batch;
    }
    if (delivered === 0 && !signal.aborted) {
      const state = await this.client.getThreadState(threadId, { signal });
      yield [{ type: 'state', time: new Date(), data: state.values }];
    }
  }

  /** The thread's interrupts (`GET /threads/{t}`), with the waiting task from `/state`. */
  async getInterrupt(ref: RunRef, signal?: AbortSignal): Promise<InterruptInfo | undefined> {
    const threadId = this.threadOf(ref);
    const thread = await this.client.getThread(threadId, { signal });
    if (thread.status !== 'interrupted') return undefined;
    const state = await this.client.getThreadState(threadId, { signal });
    return toInterrupt(threadInterrupts(thread, state), state) ?? { payload: {} };
  }

  /** A new background run on the thread with `command.resume`; returns that run (the one to follow). */
  async resume(ref: RunRef, value: unknown, signal?: AbortSignal): Promise<RunRef> {
    const threadId = this.threadOf(ref);
    const [thread, run] = await Promise.all([
      this.client.getThread(threadId, { signal }),
      this.client.getThreadRun(threadId, ref.runId, { signal }).catch(() => undefined),
    ]);
    if (thread.status !== 'interrupted') {
      throw new BackendError('rejected', `${this.http.label}: thread ${threadId} is not waiting for input (status ${thread.status ?? 'unknown'})`);
    }
    const assistantId = run?.assistant_id ?? str(thread.metadata?.['assistant_id']) ?? graphOf(thread.metadata) ?? this.profile.assistantId;
    if (!assistantId) throw new BackendError('rejected', `${this.http.label}: no assistant to resume thread ${threadId} with: set the profile's assistantId`);
    try {
      const next = await this.client.resumeThread(threadId, assistantId, value, { stream_mode: STREAM_MODES, stream_resumable: true }, { signal });
      return { backendId: this.profile.id, runId: next.run_id, threadId };
    } catch (e) {
      if (isBackendError(e) && e.code === 'rejected') {
        const said = e.details.serverMessage ? `: ${e.details.serverMessage}` : '';
        throw new BackendError('rejected', `${this.http.label}: the server rejected the resume value (${e.details.status ?? 'refused'})${said}`, e.details);
      }
      throw e;
    }
  }

  /**
   * Follows the run's stream to its end (events dropped), then reads the run. Not `GET .../join`: on
   * langgraph-api a join that arrives before the run's first event creates its event queue as
   * non-resumable, and the panel could then no longer replay the run's output.
   */
  async waitForRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    const threadId = this.threadOf(ref);
    const own = new AbortController();
    const stop = (): void => own.abort();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const events = followEventStream((lastEventId, s) => this.client.streamThreadRun(threadId, ref.runId, { signal: s, lastEventId }), {
        signal: own.signal,
        lastEventId: '-1',
        resumable: true,
        finished: async () => !isActiveRun((await this.client.getThreadRun(threadId, ref.runId, { signal: own.signal })).status),
      });
      for await (const _ of events) {
        // only the end matters
      }
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    if (signal?.aborted) throw new BackendError('aborted', `${this.http.label}: wait cancelled`);
    return this.getRun(ref, signal);
  }

  /** `{assistant_id, input, thread_id?, ...}`: on the given thread (created if missing) or a new one. */
  async createRun(request: CreateRunRequest): Promise<RunRef> {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new BackendError('rejected', 'A LangGraph run is a JSON object: {"assistant_id": "...", "input": {...}}');
    }
    const { thread_id: given, ...rest } = body as Record<string, unknown>;
    if (typeof rest['assistant_id'] !== 'string' || !rest['assistant_id'].trim()) {
      throw new BackendError('rejected', 'A LangGraph run needs "assistant_id" (an assistant id or graph id)');
    }
    if (given !== undefined && typeof given !== 'string') throw new BackendError('rejected', '"thread_id" must be a string (or left out for a new thread)');
    const signal = request.signal;
    const threadId = given ?? (await this.client.createThread({ metadata: {} }, { signal })).thread_id;
    const create = { stream_mode: STREAM_MODES, stream_resumable: true, ...(given ? { if_not_exists: 'create' } : {}), ...rest } as RunCreate;
    const run: WireRun = await this.client.createThreadRun(threadId, create, { signal });
    return { backendId: this.profile.id, runId: run.run_id, threadId };
  }

  async createRunTemplate(signal?: AbortSignal): Promise<unknown> {
    let assistantId = this.profile.assistantId;
    if (!assistantId) {
      const { items } = await this.client.searchAssistants({ limit: 1, sort_by: 'created_at', sort_order: 'asc' }, { signal });
      assistantId = items[0]?.graph_id ?? items[0]?.assistant_id;
    }
    return { assistant_id: assistantId ?? '', input: {}, stream_mode: STREAM_MODES };
  }

  /**
   * Create Run as a form: assistant_id one of the server's assistants (a choice when there are several),
   * then the thread: a new one (thread_id left out) or one of the latest threads.
   */
  async createRunForm(options: CreateRunFormOptions = {}): Promise<CreateRunForm> {
    const { signal, picks = {} } = options;
    const [assistants, threads] = await Promise.all([
      this.client.searchAssistants({ limit: MAX_FORM_ITEMS, sort_by: 'created_at', sort_order: 'asc' }, { signal }).then((p) => p.items),
      this.client.searchThreads({ limit: MAX_FORM_THREADS, sort_by: 'updated_at', sort_order: 'desc' }, { signal }).then((p) => p.items, () => []),
    ]);
    const known = (id: string | undefined): boolean => !!id && assistants.some((a) => a.assistant_id === id || a.graph_id === id);
    const first = assistants[0];
    const assistantId = known(picks['assistant_id']) ? picks['assistant_id'] : (this.profile.assistantId ?? first?.graph_id ?? first?.assistant_id ?? '');
    const threadId = picks['thread_id'] && threads.some((t) => t.thread_id === picks['thread_id']) ? picks['thread_id'] : undefined;
    const choices = [];
    if (assistants.length > 1 && !this.profile.assistantId) {
      choices.push({ key: 'assistant_id', title: 'Assistant', options: assistants.map((a) => ({ value: a.assistant_id, label: assistantLabel(a), description: a.assistant_id })) });
    }
    if (threads.length) {
      choices.push({ key: 'thread_id', title: 'Thread', options: [{ value: '', label: 'New thread', description: 'A thread is created for the run' }, ...threads.map((t) => ({ value: t.thread_id, label: threadLabel(t) }))] });
    }
    return {
      schema: lgCreateSchema(assistants, true),
      template: { assistant_id: assistantId, ...(threadId ? { thread_id: threadId } : {}), input: {}, stream_mode: STREAM_MODES },
      choices,
    };
  }

  async getLog(): Promise<string> {
    throw new BackendError('unsupported', `${this.http.label}: LangGraph runs have no log; their output is in the Output section`);
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const [info, assistants] = await Promise.all([this.client.info({ signal }), this.client.searchAssistants({ limit: 100 }, { signal })]);
    const version = info.version ? ` ${info.version}` : '';
    const graphs = [...new Set(assistants.items.map((a) => a.graph_id))].join(', ');
    const n = assistants.items.length;
    return { summary: `${this.http.label}: server${version}, ${n} assistant${n === 1 ? '' : 's'}${graphs ? ` (${graphs})` : ''}` };
  }

  /** LangGraph Studio's thread page, when the profile names a UI URL. */
  webUrl(ref: RunRef): string | undefined {
    if (!this.profile.uiUrl || !ref.threadId) return undefined;
    const base = this.profile.uiUrl.endsWith('/') ? this.profile.uiUrl : `${this.profile.uiUrl}/`;
    const url = new URL(`thread/${encodeURIComponent(ref.threadId)}`, base);
    url.searchParams.set('baseUrl', this.profile.baseUrl);
    return url.toString();
  }

  dispose(): void {
    // Nothing held: streams end with their panels' signals.
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
