import type { HttpClient, SseBatch } from '../../http';
import type {
  Agent,
  AgentSchemas,
  AgentSearchRequest,
  CancelOptions,
  Run,
  RunSearchRequest,
  RunStream,
  RunUpdate,
  RunWaitResponse,
  Thread,
  ThreadRunsQuery,
  ThreadSearchRequest,
} from './wire';

const enc = encodeURIComponent;

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface StreamCallOptions extends CallOptions {
  readonly lastEventId?: string;
}

/**
 * One method per Agent Protocol route of seeds 003 + 004 (and thread/agent search for the tree). No
 * version lives in a single upstream file, so a server may lack some: see dialect.ts for the fallbacks.
 */
export class AgentProtocolClient {
  constructor(private readonly http: HttpClient) {}

  /** `POST /runs`: background run, returned at once. */
  createRun(body: RunStream, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ method: 'POST', path: 'runs', body, ...o });
  }

  getRun(runId: string, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ path: `runs/${enc(runId)}`, ...o });
  }

  /** `DELETE /runs/{id}`: 204 (cancel a pending run first). */
  async deleteRun(runId: string, o: CallOptions = {}): Promise<void> {
    await this.http.json<undefined>({ method: 'DELETE', path: `runs/${enc(runId)}`, ...o });
  }

  /**
   * `POST /runs/{id}/cancel?wait&action`: 204/202. `wait` is only sent when true: LangGraph reads any
   * value, `false` included, as true.
   */
  async cancelRun(runId: string, options: CancelOptions = {}, o: CallOptions = {}): Promise<void> {
    await this.http.json<undefined>({
      method: 'POST',
      path: `runs/${enc(runId)}/cancel`,
      query: { ...(options.wait ? { wait: 'true' } : {}), ...(options.action ? { action: options.action } : {}) },
      ...o,
    });
  }

  /** `GET /runs/{id}/stream`: join the run's SSE output (only what comes after joining, unless replayed). */
  streamRun(runId: string, o: StreamCallOptions = {}): AsyncIterable<SseBatch> {
    return this.http.sse({ path: `runs/${enc(runId)}/stream`, ...o });
  }

  /** `GET /runs/{id}/wait`: blocks until the run ends; `{run, values, messages}`. */
  waitRun(runId: string, o: CallOptions = {}): Promise<RunWaitResponse> {
    return this.http.json<RunWaitResponse>({ path: `runs/${enc(runId)}/wait`, ...o });
  }

  /** `GET /threads/{tid}/runs?limit&offset` (main until 2025-04, then replaced by `POST /runs/search`). */
  listThreadRuns(threadId: string, query: ThreadRunsQuery = {}, o: CallOptions = {}): Promise<Run[]> {
    return this.http.json<Run[]>({ path: `threads/${enc(threadId)}/runs`, query: { limit: query.limit, offset: query.offset }, ...o });
  }

  /** `POST /runs/search`: a bare array (no total). */
  searchRuns(request: RunSearchRequest, o: CallOptions = {}): Promise<Run[]> {
    return this.http.json<Run[]>({ method: 'POST', path: 'runs/search', body: request, readOnly: true, ...o });
  }

  /** `POST /runs/stream`: create a run and stream its output in the response. */
  createAndStreamRun(body: RunStream, o: CallOptions = {}): AsyncIterable<SseBatch> {
    return this.http.sse({ method: 'POST', path: 'runs/stream', body, ...o });
  }

  /** `POST /runs/wait`: create a run and answer when it ends. */
  createAndWaitRun(body: RunStream, o: CallOptions = {}): Promise<RunWaitResponse> {
    return this.http.json<RunWaitResponse>({ method: 'POST', path: 'runs/wait', body, ...o });
  }

  /** `POST /runs/{id}/stream` with `{command: {resume, update, goto}}` (PR #55): resume and stream. */
  updateAndStreamRun(runId: string, update: RunUpdate, o: CallOptions = {}): AsyncIterable<SseBatch> {
    return this.http.sse({ method: 'POST', path: `runs/${enc(runId)}/stream`, body: update, ...o });
  }

  /** `POST /runs/{id}/wait` with `{command}` (PR #55): resume and answer when the run ends. */
  updateAndWaitRun(runId: string, update: RunUpdate, o: CallOptions = {}): Promise<RunWaitResponse> {
    return this.http.json<RunWaitResponse>({ method: 'POST', path: `runs/${enc(runId)}/wait`, body: update, ...o });
  }

  /** `POST /threads/search`: a bare array. */
  searchThreads(request: ThreadSearchRequest, o: CallOptions = {}): Promise<Thread[]> {
    return this.http.json<Thread[]>({ method: 'POST', path: 'threads/search', body: request, readOnly: true, ...o });
  }

  getThread(threadId: string, o: CallOptions = {}): Promise<Thread> {
    return this.http.json<Thread>({ path: `threads/${enc(threadId)}`, ...o });
  }

  /** `POST /agents/search` (the optional Agents stage). */
  searchAgents(request: AgentSearchRequest, o: CallOptions = {}): Promise<Agent[]> {
    return this.http.json<Agent[]>({ method: 'POST', path: 'agents/search', body: request, readOnly: true, ...o });
  }

  /** `GET /agents/{id}/schemas` (the optional Agents stage): the agent's input/config schemas. */
  getAgentSchemas(agentId: string, o: CallOptions = {}): Promise<AgentSchemas> {
    return this.http.json<AgentSchemas>({ path: `agents/${enc(agentId)}/schemas`, ...o });
  }
}
