import { BackendError } from '../../core';
import type { HttpClient } from '../../http';
import type * as W from './wire';

/** The error shape of ICA: `{code, message, details[]}`. */
export function icaErrorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' ? body : undefined;
  const o = body as W.ErrorResponse;
  if (typeof o.message === 'string' && o.message) return o.code && o.code !== o.message ? `${o.message} (${o.code})` : o.message;
  return typeof o.code === 'string' ? o.code : undefined;
}

const enc = encodeURIComponent;

/** One method per route of seed 001 (task runs), plus task version launch and the console's token exchange. */
export class IcaClient {
  /** Set once a server answered 405 to the spec's PUT `:abort`; then POST is used directly. */
  abortMethod: 'PUT' | 'POST' = 'PUT';

  /** `http` carries the bearer JWT; `tokenHttp` has no auth (the API key goes in X-API-Key). */
  constructor(readonly http: HttpClient, private readonly tokenHttp: HttpClient = http) {}

  listTaskRuns(p: W.ListTaskRunsParams = {}, signal?: AbortSignal): Promise<W.TaskRunSummaryPagedItems> {
    return this.http.json<W.TaskRunSummaryPagedItems | undefined>({ path: 'v1/tasks/runs', query: { ...p }, signal }).then((r) => r ?? {});
  }

  getTaskRun(runId: string, signal?: AbortSignal): Promise<W.TaskRun> {
    return this.http.json<W.TaskRun>({ path: `v1/tasks/runs/${enc(runId)}`, signal });
  }

  createTaskRun(body: W.CreateTaskRunRequest, signal?: AbortSignal): Promise<W.TaskRun> {
    return this.http.json<W.TaskRun>({ method: 'POST', path: 'v1/tasks/runs', body, signal });
  }

  /** Runs a task version with `arguments` filling its `{{substitutions}}`. */
  launchTaskVersion(taskId: string, versionId: string, body: W.LaunchTaskRequest, signal?: AbortSignal): Promise<W.TaskRun> {
    return this.http.json<W.TaskRun>({ method: 'POST', path: `v1/tasks/${enc(taskId)}/versions/${enc(versionId)}:launch`, body, signal });
  }

  /** `PUT :abort` per the spec; servers that answer 405 get a POST (remembered). Only Pending/Running runs abort. */
  async abortTaskRun(runId: string, signal?: AbortSignal): Promise<W.TaskRunSummary> {
    const path = `v1/tasks/runs/${enc(runId)}:abort`;
    if (this.abortMethod === 'PUT') {
      try {
        // Aborting twice leaves the run aborted: PUT is idempotent here, so transient failures may be retried.
        return await this.http.json<W.TaskRunSummary>({ method: 'PUT', path, signal, idempotent: true });
      } catch (e) {
        if (!(e instanceof BackendError && e.details.status === 405)) throw e;
        this.abortMethod = 'POST';
      }
    }
    return this.http.json<W.TaskRunSummary>({ method: 'POST', path, signal });
  }

  /** Runner-side heartbeat; exposed for completeness, the UI only calls it behind an advanced command. */
  heartbeatTaskRun(runId: string, body: W.HeartbeatTaskRunRequest = {}, signal?: AbortSignal): Promise<W.TaskRunHeartbeat> {
    return this.http.json<W.TaskRunHeartbeat>({ method: 'POST', path: `v1/tasks/runs/${enc(runId)}:heartbeat`, body, signal });
  }

  /** Console `POST /v1/tokens`: API key (X-API-Key header, never the obsolete query parameter) -> JWT. */
  createToken(apiKey: string, signal?: AbortSignal): Promise<W.TokenResponse> {
    return this.tokenHttp.json<W.TokenResponse>({ method: 'POST', path: 'v1/tokens', headers: { 'x-api-key': apiKey }, signal });
  }
}
