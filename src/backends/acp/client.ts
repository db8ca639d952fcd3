import type { HttpClient, SseBatch } from '../../http';
import type {
  Agent,
  AgentACPDescriptor,
  AgentSearchRequest,
  Run,
  RunCreate,
  RunOutput,
  RunSearchRequest,
} from './wire';

const enc = encodeURIComponent;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** One method per ACP v0.1 route (seed 002 plus agent search and descriptor); no logic beyond the wire. */
export class AcpClient {
  constructor(private readonly http: HttpClient) {}

  /** `POST /agents/search`: a bare array, offset paging, no total. */
  searchAgents(request: AgentSearchRequest, o: CallOptions = {}): Promise<Agent[]> {
    return this.http.json<Agent[]>({ method: 'POST', path: 'agents/search', body: request, signal: o.signal, readOnly: true });
  }

  getAgent(agentId: string, o: CallOptions = {}): Promise<Agent> {
    return this.http.json<Agent>({ path: `agents/${enc(agentId)}`, signal: o.signal });
  }

  /** `GET /agents/{id}/descriptor`: schemas of input, config, output and interrupts (resume payloads). */
  getAgentDescriptor(agentId: string, o: CallOptions = {}): Promise<AgentACPDescriptor> {
    return this.http.json<AgentACPDescriptor>({ path: `agents/${enc(agentId)}/descriptor`, signal: o.signal });
  }

  /** `POST /runs`: background run, returned at once. */
  createRun(body: RunCreate, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ method: 'POST', path: 'runs', body, signal: o.signal });
  }

  getRun(runId: string, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ path: `runs/${enc(runId)}`, signal: o.signal });
  }

  /** `DELETE /runs/{id}`: cancels the run if it is running, deletes it, returns it. */
  deleteRun(runId: string, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ method: 'DELETE', path: `runs/${enc(runId)}`, signal: o.signal });
  }

  /** `POST /runs/{id}`: resume an interrupted run; the body is the raw resume payload (not wrapped). */
  resumeRun(runId: string, payload: unknown, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ method: 'POST', path: `runs/${enc(runId)}`, body: payload, signal: o.signal });
  }

  /**
   * `GET /runs/{id}/output?block_timeout=s`: the result, interrupt or error; undefined (204) while the run
   * is pending and the block timeout (if any) expired. The request timeout is stretched to cover the block.
   */
  async getRunOutput(runId: string, blockTimeoutSeconds?: number, o: CallOptions & { timeoutMs?: number } = {}): Promise<RunOutput | undefined> {
    const out = await this.http.json<RunOutput | undefined>({
      path: `runs/${enc(runId)}/output`,
      query: { block_timeout: blockTimeoutSeconds },
      signal: o.signal,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    });
    return out ?? undefined;
  }

  /** `GET /runs/{id}/stream`: SSE `agent_event`s carrying RunResult or custom updates; 204 = nothing to stream. */
  streamRun(runId: string, o: CallOptions & { lastEventId?: string } = {}): AsyncIterable<SseBatch> {
    return this.http.sse({ path: `runs/${enc(runId)}/stream`, signal: o.signal, lastEventId: o.lastEventId });
  }

  /** `POST /runs/search`: a bare array (no total); also the way to list all runs. */
  searchRuns(request: RunSearchRequest, o: CallOptions = {}): Promise<Run[]> {
    return this.http.json<Run[]>({ method: 'POST', path: 'runs/search', body: request, signal: o.signal, readOnly: true });
  }
}
