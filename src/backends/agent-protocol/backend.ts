import {
  ACTIVE_STATUSES,
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
  type OutputEvent,
  type Page,
  type Run,
  type RunAction,
  type RunRef,
  type StreamOptions,
} from '../../core';
import { apiKey, HttpClient, originOf, profileHttpOptions, sleep, type HttpClientOptions, type SseBatch } from '../../http';
import { findInterrupt, runNode, threadNode, toRun } from './adapter';
import { AgentProtocolClient } from './client';
import { apCreateSchema, apTemplate, isRunMode, RUN_MODE_LABELS, RUN_MODES, type ApAgentInfo, type RunMode } from './createForm';
import { Dialect } from './dialect';
import { openFirst, StreamHandoff } from './handoff';
import { apStatusesFor, apThreadStatusesFor } from './status';
import { errorMessage, runStreamProblem } from './util';
import type { ApThreadStatus, Run as WireRun, RunSearchRequest, RunStream, RunWaitResponse } from './wire';

/** Every run, newest first, flat (`POST /runs/search`): also the stateless ones no thread shows. */
const ALL_RUNS: BackendNode = { type: 'group', key: 'group:all-runs', label: 'All Runs', expandable: true, icon: 'list-flat' };

/** Statuses after which a run moves no more on its own (interrupted waits for a resume). */
const STOPPED = new Set(['success', 'error', 'timeout', 'interrupted']);
const POLL_MS = 1000;
/** A wait is one long request, re-sent when it times out (GET is idempotent). */
const WAIT_TIMEOUT_MS = 10 * 60_000;
/** Agents offered by Create Run (each one's schemas are fetched). */
const MAX_FORM_AGENTS = 50;

/** A 404 from a create route is about what the body names (agent, thread), not the route: 405/501 still say "no such route". */
const ABOUT_THE_BODY = async (): Promise<boolean> => false;

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `agent-protocol` kind. Root: an "All Runs" group (`POST /runs/search`) and the threads
 * (`POST /threads/search`, status shown) > their runs (`GET /threads/{tid}/runs`, else
 * `POST /runs/search {thread_id}`); a profile with an agent, or a server without thread search, lists
 * runs flat. Routes a server lacks are learned once (dialect.ts) and reported in words.
 */
export class AgentProtocolBackend implements Backend {
  readonly client: AgentProtocolClient;
  readonly dialect: Dialect;
  private readonly http: HttpClient;
  private readonly handoff = new StreamHandoff<SseBatch>();
  /** The last interrupt seen in each run's output: the main spec has no route that returns it. */
  private readonly interrupts = new Map<string, unknown>();

  constructor(
    readonly profile: BackendProfile,
    private readonly deps: BackendDeps,
    httpOverrides: Partial<HttpClientOptions> = {},
    /** Test seam: builds the transport (tests pass one that records requests for contract checks). */
    makeHttp: (options: HttpClientOptions) => HttpClient = (options) => new HttpClient(options),
  ) {
    this.http = makeHttp({
      ...profileHttpOptions(profile, deps, { label: `Agent Protocol at ${originOf(profile.baseUrl)}`, header: apiKey, errorMessage }),
      ...httpOverrides,
    });
    this.client = new AgentProtocolClient(this.http);
    this.dialect = new Dialect(this.http.label, deps.log);
  }

  async listChildren(parent: BackendNode | undefined, options: ListOptions): Promise<Page<BackendNode>> {
    if (parent?.type === 'thread') return this.listThreadRuns(parent.scope?.['threadId'] ?? '', options);
    if (parent?.key === ALL_RUNS.key) return this.listRuns(options);
    if (parent) return { items: [] };
    if (this.profile.agentId) return this.listRuns(options);
    if (this.dialect.supports('threads.search') !== false) {
      try {
        const page = await this.listThreads(options);
        // Runs without a thread (stateless) are only reachable through the run search.
        const first = !options.cursor && (await this.hasRunSearch(options.signal));
        return first ? { ...page, items: [ALL_RUNS, ...page.items] } : page;
      } catch (e) {
        if (!isBackendError(e) || e.code !== 'unsupported') throw e;
      }
    }
    return this.listRuns(options);
  }

  /** Whether `POST /runs/search` exists, asked once (a one-run search) and then remembered. */
  private async hasRunSearch(signal?: AbortSignal): Promise<boolean> {
    if (this.dialect.supports('runs.search') === undefined) {
      await this.dialect.call('runs.search', () => this.client.searchRuns({ limit: 1 }, { signal })).catch((e: unknown) => {
        if (!isBackendError(e) || e.code !== 'unsupported') throw e;
      });
    }
    return this.dialect.supports('runs.search') !== false;
  }

  private server(): { cancel: boolean; resume: boolean } {
    return { cancel: this.dialect.supports('runs.cancel') !== false, resume: this.dialect.supports('runs.updateStream') !== false || this.dialect.supports('runs.updateWait') !== false };
  }

  private toRun(run: WireRun): Run {
    return toRun(this.profile.id, run, this.server());
  }

  /** `keep`: raw statuses filtered here because the route could not (empty = all). */
  private runPage(runs: readonly WireRun[], options: ListOptions, next: string | undefined, keep: readonly string[]): Page<BackendNode> {
    const items = runs
      .map((r) => this.toRun(r))
      .filter((r) => keep.length === 0 || keep.includes(r.state.raw) || (r.state.raw === 'running' && keep.includes('pending')))
      .filter((r) => matchesText(options.filter?.text, [r.name, r.runId, r.agentId, r.threadId]))
      .map(runNode);
    return { items, ...(next ? { next } : {}) };
  }

  /** All runs (or the profile's agent's) via `POST /runs/search`. */
  private async listRuns(options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    const raw = apStatusesFor(options.filter?.statuses ?? []);
    const request: RunSearchRequest = {
      ...(this.profile.agentId ? { agent_id: this.profile.agentId } : {}),
      ...(raw.length === 1 ? { status: raw[0] as RunSearchRequest['status'] } : {}),
      limit: win.limit,
      offset: win.offset,
    };
    const runs = await this.dialect.call('runs.search', () => this.client.searchRuns(request, { signal: options.signal }));
    const page = win.slice(runs);
    return this.runPage(page.items, options, page.next, raw.length > 1 ? raw : []);
  }

  private async listThreads(options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    const raw = apThreadStatusesFor(options.filter?.statuses ?? []);
    const request = { limit: win.limit, offset: win.offset, ...(raw.length === 1 ? { status: raw[0] as ApThreadStatus } : {}) };
    const threads = await this.dialect.call('threads.search', () => this.client.searchThreads(request, { signal: options.signal }));
    const page = win.slice(threads);
    const items = page.items
      .filter((t) => raw.length <= 1 || raw.includes(t.status))
      .map(threadNode)
      .filter((n) => matchesText(options.filter?.text, [n.label, n.scope?.['threadId']]));
    return { items, ...(page.next ? { next: page.next } : {}) };
  }

  /** Runs of a thread: the seed route `GET /threads/{tid}/runs`, else `POST /runs/search {thread_id}`. */
  private async listThreadRuns(threadId: string, options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    const raw = apStatusesFor(options.filter?.statuses ?? []);
    const { signal } = options;
    let runs: WireRun[];
    if (this.dialect.supports('threads.runs') !== false) {
      try {
        runs = await this.dialect.call(
          'threads.runs',
          () => this.client.listThreadRuns(threadId, { limit: win.limit, offset: win.offset }, { signal }),
          () => this.exists(() => this.client.getThread(threadId, { signal })),
        );
        const page = win.slice(runs);
        return this.runPage(page.items, options, page.next, raw);
      } catch (e) {
        if (!isBackendError(e) || e.code !== 'unsupported') throw e;
      }
    }
    const request: RunSearchRequest = { thread_id: threadId, ...(raw.length === 1 ? { status: raw[0] as RunSearchRequest['status'] } : {}), limit: win.limit, offset: win.offset };
    runs = await this.dialect.call('runs.search', () => this.client.searchRuns(request, { signal }));
    const page = win.slice(runs);
    return this.runPage(page.items, options, page.next, raw.length > 1 ? raw : []);
  }

  /** Probe for the dialect: true when the resource exists (so a 404 was about the route). */
  private async exists(get: () => Promise<unknown>): Promise<boolean> {
    await get();
    return true;
  }

  private runExists(runId: string, signal?: AbortSignal): () => Promise<boolean> {
    return () => this.exists(() => this.client.getRun(runId, { signal }));
  }

  async getRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    return this.toRun(await this.client.getRun(ref.runId, { signal }));
  }

  /** Cancel: `POST /runs/{id}/cancel?action=interrupt|rollback`; delete: `DELETE /runs/{id}`. */
  async perform(ref: RunRef, action: RunAction, options: ActionOptions = {}): Promise<void> {
    const { signal } = options;
    if (action === 'cancel') {
      const cancel = { action: options.cancelMode ?? 'interrupt' } as const;
      await this.dialect.call('runs.cancel', () => this.client.cancelRun(ref.runId, cancel, { signal }), this.runExists(ref.runId, signal));
      return;
    }
    if (action === 'delete') {
      await this.client.deleteRun(ref.runId, { signal });
      this.interrupts.delete(ref.runId);
      this.handoff.drop(ref.runId);
      return;
    }
    throw new BackendError('unsupported', `${this.http.label}: Agent Protocol runs cannot be ${action === 'retry' ? 'retried' : `${action}d`}`);
  }

  /**
   * Output: the stream a resume opened (if any), then `GET /runs/{id}/stream` from the first event
   * (`Last-Event-ID: -1`, which LangGraph-style servers replay), reconnecting after the last id while the
   * run is active. A stopped run with nothing to replay shows its `/wait` result; a server without a
   * stream route gets status polling.
   */
  async *streamOutput(ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch> {
    const { signal } = options;
    const runId = ref.runId;
    let handed = this.handoff.take(runId, signal);
    let status = handed ? 'pending' : (await this.client.getRun(runId, { signal })).status;
    const open = (lastEventId: string | undefined, s: AbortSignal): AsyncIterable<SseBatch> => {
      if (handed) {
        const h = handed;
        handed = undefined;
        return h;
      }
      return this.dialect.stream('runs.stream', () => this.client.streamRun(runId, { signal: s, lastEventId }), this.runExists(runId, s));
    };
    const finished = async (): Promise<boolean> => {
      status = (await this.client.getRun(runId, { signal })).status;
      return STOPPED.has(status);
    };
    let delivered = 0;
    try {
      for await (const batch of followEventStream(open, {
        signal,
        lastEventId: options.lastEventId ?? '-1',
        resumable: 'auto',
        finished,
        idleMs: this.deps.streamIdleMs ?? STREAM_IDLE_MS,
        onProblem: (m) => this.deps.log.warn(`${this.http.label}: run ${runId}: ${m}`),
      })) {
        delivered += batch.length;
        yield this.note(runId, batch);
      }
    } catch (e) {
      if (!isBackendError(e) || e.code !== 'unsupported') throw e;
      if (!STOPPED.has(status)) yield* this.pollStatus(runId, status, signal);
    }
    if (delivered === 0 && STOPPED.has(status) && !signal.aborted) {
      const result = await this.stoppedResult(runId, signal);
      if (result) yield this.note(runId, [result]);
    }
  }

  /** Remembers interrupts seen in the output (for getInterrupt) and passes the events on. */
  private note(runId: string, batch: OutputBatch): OutputBatch {
    for (const event of batch) {
      // Streamed text that never says "interrupt" cannot hold one: it is passed on unparsed.
      if (event.text !== undefined && !event.text.includes('interrupt') && !/interrupt/i.test(event.type)) continue;
      const interrupt = findInterrupt(event.type, event.data);
      if (interrupt !== undefined) this.interrupts.set(runId, interrupt);
    }
    return batch;
  }

  /** The result of a run that no longer moves, from `GET /runs/{id}/wait` when the server has it. */
  private async stoppedResult(runId: string, signal: AbortSignal): Promise<OutputEvent | undefined> {
    if (this.dialect.supports('runs.wait') === false) return undefined;
    try {
      const data = await this.dialect.call('runs.wait', () => this.client.waitRun(runId, { signal }), this.runExists(runId, signal));
      return { type: 'result', time: new Date(), data };
    } catch (e) {
      if (isBackendError(e) && (e.code === 'unsupported' || e.code === 'timeout')) return undefined;
      throw e;
    }
  }

  /** Without a stream route: one `status` event per change, until the run stops. */
  private async *pollStatus(runId: string, last: string, signal: AbortSignal): AsyncGenerator<OutputBatch> {
    yield [{ type: 'gap', time: new Date(), data: { reason: `${this.dialect.unsupported('runs.stream').message}; showing status changes only` } }];
    let status = last;
    while (!signal.aborted) {
      const run = await this.client.getRun(runId, { signal });
      if (run.status !== status) {
        status = run.status;
        yield [{ type: 'status', time: new Date(), data: { status } }];
      }
      if (STOPPED.has(status)) return;
      try {
        await sleep(POLL_MS, signal);
      } catch {
        return;
      }
    }
  }

  /**
   * An interrupted run's question: the last interrupt seen in its output, else what its thread or
   * its wait result carries (`__interrupt__`); the spec defines no resume schema.
   */
  async getInterrupt(ref: RunRef, signal?: AbortSignal): Promise<InterruptInfo | undefined> {
    const run = await this.client.getRun(ref.runId, { signal });
    if (run.status !== 'interrupted') return undefined;
    const seen = this.interrupts.get(ref.runId);
    if (seen !== undefined) return { type: 'interrupt', payload: seen };
    const fromThread = run.thread_id ? await this.client.getThread(run.thread_id, { signal }).then((t) => findInterrupt(undefined, t.values ?? t), () => undefined) : undefined;
    if (fromThread !== undefined) return { type: 'interrupt', payload: fromThread };
    const result = this.dialect.supports('runs.wait') === false ? undefined : await this.stoppedResult(ref.runId, signal ?? new AbortController().signal).catch(() => undefined);
    const data = result?.data as RunWaitResponse | undefined;
    const fromWait = findInterrupt(undefined, data?.values) ?? findInterrupt(undefined, data);
    return { type: 'interrupt', payload: fromWait ?? {} };
  }

  /**
   * Resume (PR #55): `POST /runs/{id}/stream {command: {resume}}`, whose stream is handed to the next
   * streamOutput of the run; else `POST /runs/{id}/wait`. Servers on the main spec have neither.
   */
  async resume(ref: RunRef, value: unknown, signal?: AbortSignal): Promise<RunRef> {
    const update = { command: { resume: value } };
    const probe = this.runExists(ref.runId, signal);
    try {
      if (this.dialect.supports('runs.updateStream') !== false) {
        try {
          await this.handoff.open(
            ref.runId,
            (s) => this.dialect.stream('runs.updateStream', () => this.client.updateAndStreamRun(ref.runId, update, { signal: s }), probe),
            signal,
          );
          this.interrupts.delete(ref.runId);
          return ref;
        } catch (e) {
          if (!isBackendError(e) || e.code !== 'unsupported') throw e;
        }
      }
      try {
        await this.dialect.call('runs.updateWait', () => this.client.updateAndWaitRun(ref.runId, update, { signal, timeoutMs: WAIT_TIMEOUT_MS }), probe);
        this.interrupts.delete(ref.runId);
        return ref;
      } catch (e) {
        if (isBackendError(e) && e.code === 'unsupported') {
          throw new BackendError('unsupported', `${this.http.label}: this server has no resume endpoint (POST /runs/{run_id}/stream or /wait, Agent Protocol PR #55)`);
        }
        throw e;
      }
    } catch (e) {
      if (isBackendError(e) && e.code === 'rejected') {
        const said = e.details.serverMessage ? `: ${e.details.serverMessage}` : '';
        throw new BackendError('rejected', `${this.http.label}: the agent rejected the resume value (${e.details.status ?? 'refused'})${said}`, e.details);
      }
      throw e;
    }
  }

  /** `GET /runs/{id}/wait` (re-sent when it times out); a server without it is polled. */
  async waitForRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    while (this.dialect.supports('runs.wait') !== false) {
      try {
        const res = await this.dialect.call('runs.wait', () => this.client.waitRun(ref.runId, { signal, timeoutMs: WAIT_TIMEOUT_MS }), this.runExists(ref.runId, signal));
        return res?.run?.run_id ? this.toRun(res.run) : this.getRun(ref, signal);
      } catch (e) {
        if (isBackendError(e) && e.code === 'timeout') continue;
        if (isBackendError(e) && e.code === 'unsupported') break;
        throw e;
      }
    }
    for (;;) {
      const run = await this.client.getRun(ref.runId, { signal });
      if (STOPPED.has(run.status)) return this.toRun(run);
      await sleep(POLL_MS, signal);
    }
  }

  /**
   * Creates a run the way the body's `run_mode` says (not sent; default background): `POST /runs`;
   * `POST /runs/stream`, whose response stream is handed to the panel (on_disconnect defaults to
   * "continue" so closing the panel does not cancel the run); or `POST /runs/wait`, answered when it ends.
   */
  async createRun(request: CreateRunRequest): Promise<RunRef> {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new BackendError('rejected', 'An Agent Protocol run is a JSON object: {"agent_id": "...", "input": {...}}');
    }
    const { run_mode: mode = 'background', ...wire } = body as Record<string, unknown>;
    if (!isRunMode(mode)) throw new BackendError('rejected', `Create Run: "run_mode" must be one of ${RUN_MODES.join(', ')}, not ${JSON.stringify(mode)}`);
    const problem = runStreamProblem(wire);
    if (problem) throw new BackendError('rejected', `Create Run: ${problem}`);
    const { signal } = request;
    const ref = (run: WireRun | undefined, how: string): RunRef => {
      if (!run?.run_id) throw new BackendError('bad-response', `${this.http.label}: the server created a run (${how}) but did not say its run_id`);
      return { backendId: this.profile.id, runId: run.run_id, ...(run.thread_id ? { threadId: run.thread_id } : {}) };
    };
    if (mode === 'wait') {
      const res = await this.dialect.call('runs.createWait', () => this.client.createAndWaitRun(wire as RunStream, { signal, timeoutMs: WAIT_TIMEOUT_MS }), ABOUT_THE_BODY);
      return ref(res?.run, 'POST /runs/wait');
    }
    if (mode === 'stream') return this.createAndStream({ on_disconnect: 'continue', ...wire } as RunStream, signal);
    return ref(await this.client.createRun(wire as RunStream, { signal }), 'POST /runs');
  }

  /** `POST /runs/stream`: the run id comes with the first event (`metadata`); the stream is handed to the panel. */
  private async createAndStream(body: RunStream, signal?: AbortSignal): Promise<RunRef> {
    const { controller, it, first } = await openFirst(
      (s) => this.dialect.stream('runs.createStream', () => this.client.createAndStreamRun(body, { signal: s }), ABOUT_THE_BODY),
      signal,
    );
    const meta = first.done ? undefined : parseJsonObject(first.value[0]?.data ?? '');
    const runId = typeof meta?.['run_id'] === 'string' ? meta['run_id'] : undefined;
    if (!runId) {
      controller.abort();
      await it.return?.(undefined);
      throw new BackendError('bad-response', `${this.http.label}: POST /runs/stream did not name the run it created (no run_id in its first event)`);
    }
    const replay = (async function* () {
      if (!first.done) yield first.value;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    })();
    await this.handoff.open(
      runId,
      (s) => {
        s.addEventListener('abort', () => controller.abort(), { once: true });
        return replay;
      },
      signal,
    );
    const threadId = typeof meta?.['thread_id'] === 'string' ? meta['thread_id'] : body.thread_id;
    return { backendId: this.profile.id, runId, ...(threadId ? { threadId } : {}) };
  }

  async createRunTemplate(signal?: AbortSignal): Promise<unknown> {
    let agentId = this.profile.agentId;
    if (!agentId && this.dialect.supports('agents.search') !== false) {
      agentId = await this.dialect
        .call('agents.search', () => this.client.searchAgents({ limit: 1 }, { signal }))
        .then((a) => a[0]?.agent_id, () => undefined);
    }
    return { ...(agentId ? { agent_id: agentId } : {}), input: {}, metadata: {}, stream_mode: ['values', 'updates', 'custom'] };
  }

  /**
   * Create Run as a form: agent_id one of the server's agents (a choice when there are several), each
   * agent's input schema from `GET /agents/{id}/schemas` when the server has it, and the run mode.
   */
  async createRunForm(options: CreateRunFormOptions = {}): Promise<CreateRunForm> {
    const { signal, picks = {} } = options;
    let listed: ApAgentInfo[] | undefined;
    if (this.profile.agentId) listed = [{ id: this.profile.agentId }];
    else if (this.dialect.supports('agents.search') !== false) {
      try {
        const found = await this.dialect.call('agents.search', () => this.client.searchAgents({ limit: MAX_FORM_AGENTS }, { signal }));
        listed = found.map((a) => ({ id: a.agent_id, ...(a.name ? { name: a.name } : {}), ...(a.description ? { description: a.description } : {}) }));
      } catch (e) {
        if (!isBackendError(e) || e.code !== 'unsupported') throw e;
      }
    }
    const agents = await Promise.all(
      (listed ?? []).map((a) =>
        this.client.getAgentSchemas(a.id, { signal }).then(
          (s): ApAgentInfo => ({ ...a, inputSchema: s.input_schema, ...(s.config_schema ? { configSchema: s.config_schema } : {}) }),
          (e: unknown) => {
            this.deps.log.debug(`${this.http.label}: no schemas for agent ${a.id}: ${isBackendError(e) ? e.message : String(e)}`);
            return a;
          },
        ),
      ),
    );
    const mode: RunMode = isRunMode(picks['run_mode']) ? picks['run_mode'] : 'background';
    const agent = agents.find((a) => a.id === picks['agent_id']) ?? agents[0];
    const agentChoice = agents.length > 1 ? [{ key: 'agent_id', title: 'Agent', options: agents.map((a) => ({ value: a.id, label: a.name ?? a.id, ...(a.description ? { description: a.description } : {}) })) }] : [];
    return {
      schema: apCreateSchema(agents, listed !== undefined),
      template: apTemplate(agent, mode, picks['agent_id']),
      choices: [...agentChoice, { key: 'run_mode', title: 'Run mode', options: RUN_MODES.map((m) => ({ value: m, label: m, description: RUN_MODE_LABELS[m] })) }],
    };
  }

  async getLog(): Promise<string> {
    throw new BackendError('unsupported', `${this.http.label}: Agent Protocol runs have no log; their output is in the Output section`);
  }

  /** Lists the root once, learning which list routes the server has, and names them. */
  /** One run search per active status (the search takes one); nothing when the server has no run search. */
  async listActiveRuns(signal?: AbortSignal): Promise<readonly Run[]> {
    if (this.dialect.supports('runs.search') === false) return [];
    const runs: Run[] = [];
    for (const status of ACTIVE_STATUSES) {
      if (apStatusesFor([status]).length === 0) continue;
      const page = await this.listRuns({ pageSize: 100, filter: { statuses: [status] }, signal });
      runs.push(...page.items.flatMap((n) => (n.run ? [n.run] : [])));
    }
    return runs;
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    await this.listChildren(undefined, { pageSize: 1, signal });
    const known = (['threads.search', 'runs.search'] as const).filter((r) => this.dialect.supports(r)).map((r) => (r === 'runs.search' ? 'run search' : 'thread search'));
    return { summary: `${this.http.label}: ${known.length ? `has ${known.join(', ')}` : 'reachable'}` };
  }

  webUrl(): string | undefined {
    return undefined;
  }

  dispose(): void {
    this.handoff.dispose();
    this.interrupts.clear();
  }
}
