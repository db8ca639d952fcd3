import { parseJsonData, type HttpClient, type SseBatch } from '../../http';
import { BackendError } from '../../core';
import type {
  Assistant,
  AssistantSearchRequest,
  CancelOptions,
  Run,
  RunCreate,
  ServerInfo,
  Thread,
  ThreadCreate,
  ThreadRunsQuery,
  ThreadSearchRequest,
  ThreadState,
} from './wire';

const enc = encodeURIComponent;

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface StreamCallOptions extends CallOptions {
  readonly lastEventId?: string;
}

/** A page of a search: the items and the next offset from `X-Pagination-Next` (absent on the last page). */
export interface SearchPage<T> {
  readonly items: T[];
  readonly next?: number;
}

/**
 * One method per LangGraph Platform route Runs Explorer uses (thread-scoped runs: the server has no
 * `GET /runs/{id}`). Blocking routes (`/join`, `/runs/wait`) answer JSON as text/plain: read as text.
 */
export class LangGraphClient {
  constructor(private readonly http: HttpClient) {}

  info(o: CallOptions = {}): Promise<ServerInfo> {
    return this.http.json<ServerInfo>({ path: 'info', ...o });
  }

  /** `POST /threads/search`, newest first unless told otherwise. */
  async searchThreads(request: ThreadSearchRequest, o: CallOptions = {}): Promise<SearchPage<Thread>> {
    const res = await this.http.response<Thread[]>({ method: 'POST', path: 'threads/search', body: request, readOnly: true, ...o });
    return page(res.body ?? [], res.headers.get('x-pagination-next'));
  }

  createThread(body: ThreadCreate = {}, o: CallOptions = {}): Promise<Thread> {
    return this.http.json<Thread>({ method: 'POST', path: 'threads', body, ...o });
  }

  getThread(threadId: string, o: CallOptions = {}): Promise<Thread> {
    return this.http.json<Thread>({ path: `threads/${enc(threadId)}`, ...o });
  }

  /** `GET /threads/{t}/state`: values, `next`, and `tasks[].interrupts` while interrupted. */
  getThreadState(threadId: string, o: CallOptions = {}): Promise<ThreadState> {
    return this.http.json<ThreadState>({ path: `threads/${enc(threadId)}/state`, ...o });
  }

  /** `GET /threads/{t}/runs?limit&offset&status` (oldest first on langgraph-api 2.0). */
  listThreadRuns(threadId: string, query: ThreadRunsQuery = {}, o: CallOptions = {}): Promise<Run[]> {
    return this.http.json<Run[]>({ path: `threads/${enc(threadId)}/runs`, query: { limit: query.limit, offset: query.offset, status: query.status }, ...o });
  }

  getThreadRun(threadId: string, runId: string, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ path: `threads/${enc(threadId)}/runs/${enc(runId)}`, ...o });
  }

  /** `POST /threads/{t}/runs`: background run on a thread (also how a resume is sent: `command.resume`). */
  createThreadRun(threadId: string, body: RunCreate, o: CallOptions = {}): Promise<Run> {
    return this.http.json<Run>({ method: 'POST', path: `threads/${enc(threadId)}/runs`, body, ...o });
  }

  /** `POST /threads/{t}/runs/stream`: create a thread run and stream it in the response. */
  createThreadRunStream(threadId: string, body: RunCreate, o: CallOptions = {}): AsyncIterable<SseBatch> {
    return this.http.sse({ method: 'POST', path: `threads/${enc(threadId)}/runs/stream`, body, ...o });
  }

  /**
   * `POST /threads/{t}/runs/{r}/cancel?action`: 202, or 204 with `wait`. `wait` is sent only when true:
   * the server coerces any value, "false" included, to true.
   */
  async cancelThreadRun(threadId: string, runId: string, options: CancelOptions = {}, o: CallOptions = {}): Promise<void> {
    await this.http.response<undefined>({
      method: 'POST',
      path: `threads/${enc(threadId)}/runs/${enc(runId)}/cancel`,
      query: { ...(options.wait ? { wait: 'true' } : {}), ...(options.action ? { action: options.action } : {}) },
      accept: 'none',
      ...o,
    });
  }

  async deleteThreadRun(threadId: string, runId: string, o: CallOptions = {}): Promise<void> {
    await this.http.response<undefined>({ method: 'DELETE', path: `threads/${enc(threadId)}/runs/${enc(runId)}`, accept: 'none', ...o });
  }

  /** `GET /threads/{t}/runs/{r}/join`: blocks until the run ends; the thread's values (or `__error__`). */
  async joinThreadRun(threadId: string, runId: string, o: CallOptions = {}): Promise<unknown> {
    const text = await this.http.text({ path: `threads/${enc(threadId)}/runs/${enc(runId)}/join`, ...o });
    return parseBody(text, this.http.label);
  }

  /** `GET /threads/{t}/runs/{r}/stream`: SSE join; `Last-Event-ID` replays (`-1` = from the start). */
  streamThreadRun(threadId: string, runId: string, o: StreamCallOptions = {}): AsyncIterable<SseBatch> {
    return this.http.sse({ path: `threads/${enc(threadId)}/runs/${enc(runId)}/stream`, ...o });
  }

  /** `POST /assistants/search`. */
  async searchAssistants(request: AssistantSearchRequest, o: CallOptions = {}): Promise<SearchPage<Assistant>> {
    const res = await this.http.response<Assistant[]>({ method: 'POST', path: 'assistants/search', body: request, readOnly: true, ...o });
    return page(res.body ?? [], res.headers.get('x-pagination-next'));
  }

  /** Resume an interrupted thread: a new background run on it with `command.resume`. */
  resumeThread(threadId: string, assistantId: string, value: unknown, extra: Omit<RunCreate, 'assistant_id' | 'command'> = {}, o: CallOptions = {}): Promise<Run> {
    return this.createThreadRun(threadId, { ...extra, assistant_id: assistantId, command: { resume: value } }, o);
  }
}

function page<T>(items: T[], next: string | null): SearchPage<T> {
  const n = next !== null && next !== '' ? Number(next) : NaN;
  return { items, ...(Number.isInteger(n) ? { next: n } : {}) };
}

function parseBody(text: string, label: string): unknown {
  if (!text.trim()) return undefined;
  const parsed = parseJsonData(text);
  if (!parsed.ok) throw new BackendError('bad-response', `${label}: ${parsed.error}`);
  return parsed.value;
}
