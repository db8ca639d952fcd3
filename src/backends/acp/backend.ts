import {
  ACTIVE_STATUSES,
  BackendError,
  followEventStream,
  STREAM_IDLE_MS,
  matchesText,
  offsetWindow,
  isBackendError,
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
import { apiKey, HttpClient, originOf, profileHttpOptions, type HttpClientOptions, type SseBatch } from '../../http';
import { agentName, agentNode, runNode, toInterrupt, toRun } from './adapter';
import { AcpClient } from './client';
import { acpCreateSchema, acpTemplate, type AcpAgentInfo } from './createForm';
import { acpStatusesFor } from './status';
import { errorMessage, inputSkeleton } from './util';
import type { Agent, AgentACPDescriptor, Run as WireRun, RunCreate, RunSearchRequest } from './wire';

/** Longest `block_timeout` asked for, in seconds; a wait is a loop of such blocks. */
const MAX_BLOCK_SECONDS = 30;
/** Agents offered by Create Run (each one's descriptor is fetched for its schemas). */
const MAX_FORM_AGENTS = 50;

/** The ACP v0.1 kind: agents > runs, output by SSE and `/output`, resume by `POST /runs/{id}`. */
export class AcpBackend implements Backend {
  readonly client: AcpClient;
  private readonly http: HttpClient;
  private readonly agentNames = new Map<string, string>();
  private readonly descriptors = new Map<string, Promise<AgentACPDescriptor | undefined>>();

  constructor(
    readonly profile: BackendProfile,
    private readonly deps: BackendDeps,
    httpOverrides: Partial<HttpClientOptions> = {},
    /** Test seam: builds the transport (tests pass one that records requests for contract checks). */
    makeHttp: (options: HttpClientOptions) => HttpClient = (options) => new HttpClient(options),
  ) {
    this.http = makeHttp({
      ...profileHttpOptions(profile, deps, { label: `ACP at ${originOf(profile.baseUrl)}`, header: apiKey, errorMessage }),
      ...httpOverrides,
    });
    this.client = new AcpClient(this.http);
  }

  async listChildren(parent: BackendNode | undefined, options: ListOptions): Promise<Page<BackendNode>> {
    if (parent?.type === 'agent') return this.listRuns(parent.scope?.['agentId'], options);
    if (parent) return { items: [] };
    if (this.profile.agentId) return this.listRuns(this.profile.agentId, options);
    return this.listAgents(options);
  }

  /** Root: the server's agents (runs are grouped under them); a server without agent search lists runs flat. */
  private async listAgents(options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    let agents: Agent[];
    try {
      agents = await this.client.searchAgents({ limit: win.limit, offset: win.offset }, { signal: options.signal });
    } catch (e) {
      if (isBackendError(e) && (e.code === 'not-found' || e.code === 'unsupported') && win.offset === 0) {
        this.deps.log.info(`${this.http.label}: no agent search (${e.message}); listing runs without grouping`);
        return this.listRuns(undefined, options);
      }
      throw e;
    }
    for (const a of agents) this.agentNames.set(a.agent_id, agentName(a));
    const page = win.slice(agents);
    return { items: page.items.map(agentNode), ...(page.next ? { next: page.next } : {}) };
  }

  private async listRuns(agentId: string | undefined, options: ListOptions): Promise<Page<BackendNode>> {
    const win = offsetWindow(options);
    const raw = acpStatusesFor(options.filter?.statuses ?? []);
    const request: RunSearchRequest = {
      ...(agentId ? { agent_id: agentId } : {}),
      // The search takes one status; several are filtered here, page by page.
      ...(raw.length === 1 ? { status: raw[0] } : {}),
      limit: win.limit,
      offset: win.offset,
    };
    const runs = await this.client.searchRuns(request, { signal: options.signal });
    const page = win.slice(runs);
    const items = page.items
      .map((r) => this.toRun(r))
      .filter((r) => raw.length <= 1 || raw.includes(r.state.raw as (typeof raw)[number]))
      .filter((r) => matchesText(options.filter?.text, [r.name, r.runId, r.agentId]))
      .map(runNode);
    return { items, ...(page.next ? { next: page.next } : {}) };
  }

  private toRun(run: WireRun): Run {
    return toRun(this.profile.id, run, this.agentNames.get(run.agent_id));
  }

  async getRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    return this.toRun(await this.client.getRun(ref.runId, { signal }));
  }

  async perform(ref: RunRef, action: RunAction, options: ActionOptions = {}): Promise<void> {
    if (action === 'delete') {
      await this.client.deleteRun(ref.runId, { signal: options.signal });
      return;
    }
    const why = action === 'cancel' ? 'ACP v0.1 has no cancel: Delete cancels a running run and deletes it' : `ACP runs cannot be ${action === 'retry' ? 'retried' : `${action}d`}`;
    throw new BackendError('unsupported', `${this.http.label}: ${why}`);
  }

  /**
   * Live output: `agent_event`s from `/stream`, and the run's `/output` (type `output`) whenever the
   * status leaves `pending`, since ACP streams carry no interrupt or error events. A run created without
   * a streaming mode has nothing to stream (204): its output is then long-polled with `block_timeout`.
   */
  async *streamOutput(ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch> {
    const { signal } = options;
    const run = await this.client.getRun(ref.runId, { signal });
    let status: string = run.status;
    let reported: string | undefined;
    if (status === 'pending') {
      let connectionEvents = 0;
      let nothingToStream = false;
      const open = (lastEventId: string | undefined, s: AbortSignal): AsyncIterable<SseBatch> => {
        connectionEvents = 0;
        return counted(this.client.streamRun(ref.runId, { signal: s, lastEventId }), () => connectionEvents++);
      };
      const finished = async (): Promise<boolean> => {
        status = (await this.client.getRun(ref.runId, { signal })).status;
        if (status === 'pending' && connectionEvents === 0) nothingToStream = true;
        return status !== 'pending' || nothingToStream;
      };
      const events = followEventStream(open, {
        signal,
        // `-1` asks servers that replay (the sandbox, LangGraph-style) for the whole run; others ignore it.
        lastEventId: options.lastEventId ?? '-1',
        resumable: 'auto',
        finished,
        idleMs: this.deps.streamIdleMs ?? STREAM_IDLE_MS,
        onProblem: (m) => this.deps.log.warn(`${this.http.label}: run ${ref.runId}: ${m}`),
      });
      for await (const batch of events) {
        yield batch;
        // Every ACP event carries the run's status; the last one of a batch says where the run is now
        // (reading only it leaves the others unparsed).
        const s = statusOf(batch[batch.length - 1].data);
        if (s && s !== 'pending' && s !== reported) {
          const out = await this.output(ref.runId, signal);
          if (out) {
            reported = s;
            yield [out];
          }
        }
      }
      if (nothingToStream && !signal.aborted) {
        for (;;) {
          const out = await this.client.getRunOutput(ref.runId, this.blockSeconds(), { signal, timeoutMs: this.blockTimeoutMs() });
          if (out) break;
          if (signal.aborted) return;
        }
        status = (await this.client.getRun(ref.runId, { signal })).status;
      }
    }
    if (signal.aborted || status === 'pending' || status === reported) return;
    const out = await this.output(ref.runId, signal);
    if (out) yield [out];
  }

  private async output(runId: string, signal: AbortSignal): Promise<OutputEvent | undefined> {
    const data = await this.client.getRunOutput(runId, undefined, { signal });
    return data ? { type: 'output', time: new Date(), data } : undefined;
  }

  async getInterrupt(ref: RunRef, signal?: AbortSignal): Promise<InterruptInfo | undefined> {
    const run = await this.client.getRun(ref.runId, { signal });
    if (run.status !== 'interrupted') return undefined;
    const [output, descriptor] = await Promise.all([this.client.getRunOutput(ref.runId, undefined, { signal }), this.descriptor(run.agent_id, signal)]);
    return toInterrupt(output, descriptor) ?? { payload: output ?? {} };
  }

  /** The agent's descriptor (resume schemas), fetched once per agent; a server without one gives undefined. */
  private descriptor(agentId: string, signal?: AbortSignal): Promise<AgentACPDescriptor | undefined> {
    let d = this.descriptors.get(agentId);
    if (!d) {
      d = this.client.getAgentDescriptor(agentId, { signal }).catch((e: unknown) => {
        this.descriptors.delete(agentId);
        this.deps.log.warn(`${this.http.label}: no descriptor for agent ${agentId}: ${isBackendError(e) ? e.message : String(e)}`);
        return undefined;
      });
      this.descriptors.set(agentId, d);
    }
    return d;
  }

  async resume(ref: RunRef, value: unknown, signal?: AbortSignal): Promise<RunRef> {
    try {
      const run = await this.client.resumeRun(ref.runId, value, { signal });
      return { backendId: this.profile.id, runId: run.run_id ?? ref.runId, ...(ref.threadId ? { threadId: ref.threadId } : {}) };
    } catch (e) {
      if (isBackendError(e) && e.code === 'rejected') {
        const said = e.details.serverMessage ? `: ${e.details.serverMessage}` : '';
        throw new BackendError('rejected', `${this.http.label}: the agent rejected the resume value (${e.details.status ?? 'refused'})${said}`, e.details);
      }
      throw e;
    }
  }

  /** Blocks on `/output?block_timeout` in rounds until the run leaves `pending`. */
  async waitForRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    for (;;) {
      const out = await this.client.getRunOutput(ref.runId, this.blockSeconds(), { signal, timeoutMs: this.blockTimeoutMs() });
      if (out) return this.getRun(ref, signal);
      if (signal?.aborted) throw new BackendError('aborted', `${this.http.label}: wait cancelled`);
      const run = await this.getRun(ref, signal);
      if (run.state.raw !== 'pending') return run;
    }
  }

  private blockSeconds(): number {
    return Math.max(1, Math.min(MAX_BLOCK_SECONDS, Math.floor(this.deps.timeoutMs / 1000)));
  }

  private blockTimeoutMs(): number {
    return this.blockSeconds() * 1000 + this.deps.timeoutMs;
  }

  async createRun(request: CreateRunRequest): Promise<RunRef> {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new BackendError('rejected', 'An ACP run is a JSON object: {"agent_id": "...", "input": {...}}');
    }
    const agentId = (body as Record<string, unknown>)['agent_id'];
    if (typeof agentId !== 'string' || !agentId.trim()) {
      throw new BackendError('rejected', 'An ACP run needs "agent_id" (a string): see the agents in the Runs view');
    }
    const run = await this.client.createRun(body as RunCreate, { signal: request.signal });
    return { backendId: this.profile.id, runId: run.run_id, ...(run.thread_id ? { threadId: run.thread_id } : {}) };
  }

  /** agent_id, an input skeleton from the descriptor's input schema, and a streaming mode the agent has. */
  async createRunTemplate(signal?: AbortSignal): Promise<unknown> {
    let agentId = this.profile.agentId;
    if (!agentId) agentId = (await this.client.searchAgents({ limit: 1 }, { signal }))[0]?.agent_id;
    if (!agentId) return { agent_id: '', input: {}, config: {} };
    const specs = (await this.descriptor(agentId, signal))?.specs;
    const streaming = specs?.capabilities?.streaming;
    return {
      agent_id: agentId,
      input: inputSkeleton(specs?.input),
      config: inputSkeleton(specs?.config),
      ...(streaming?.custom ? { streaming: 'custom' } : streaming?.result ? { streaming: 'result' } : {}),
    };
  }

  /**
   * Create Run as a form: agent_id one of the server's agents (a choice when there are several), input
   * and config checked against the chosen agent's descriptor, streaming among the modes it declares.
   */
  async createRunForm(options: CreateRunFormOptions = {}): Promise<CreateRunForm> {
    const { signal, picks = {} } = options;
    const listed = this.profile.agentId
      ? [{ agent_id: this.profile.agentId, name: this.agentNames.get(this.profile.agentId) }]
      : (await this.client.searchAgents({ limit: MAX_FORM_AGENTS }, { signal })).map((a) => ({ agent_id: a.agent_id, name: agentName(a) }));
    const agents: AcpAgentInfo[] = await Promise.all(
      listed.map(async (a) => ({ id: a.agent_id, ...(a.name ? { name: a.name } : {}), descriptor: await this.descriptor(a.agent_id, signal) })),
    );
    const picked = agents.find((a) => a.id === picks['agent_id']) ?? agents[0];
    return {
      schema: acpCreateSchema(agents),
      template: acpTemplate(picked),
      choices: agents.length > 1 ? [{ key: 'agent_id', title: 'Agent', options: agents.map((a) => ({ value: a.id, label: a.name ?? a.id, ...(a.name ? { description: a.id } : {}) })) }] : [],
    };
  }

  async getLog(): Promise<string> {
    throw new BackendError('unsupported', `${this.http.label}: ACP runs have no log; their output is in the Output section`);
  }

  /** The search takes one status: one request per active status the protocol has (pending, interrupted). */
  async listActiveRuns(signal?: AbortSignal): Promise<readonly Run[]> {
    const runs: Run[] = [];
    for (const status of ACTIVE_STATUSES) {
      if (acpStatusesFor([status]).length === 0) continue;
      const page = await this.listRuns(this.profile.agentId, { pageSize: 100, filter: { statuses: [status] }, signal });
      runs.push(...page.items.flatMap((n) => (n.run ? [n.run] : [])));
    }
    return runs;
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const agents = await this.client.searchAgents({ limit: 1000 }, { signal });
    await this.client.searchRuns({ limit: 1 }, { signal });
    return { summary: `${this.http.label}: ${agents.length} agent${agents.length === 1 ? '' : 's'}` };
  }

  webUrl(): string | undefined {
    return undefined;
  }

  dispose(): void {
    this.descriptors.clear();
  }
}

function statusOf(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const s = (data as Record<string, unknown>)['status'];
  return typeof s === 'string' ? s : undefined;
}

async function* counted<T>(source: AsyncIterable<T>, onItem: () => void): AsyncGenerator<T> {
  for await (const item of source) {
    onItem();
    yield item;
  }
}
