import type { HttpClient } from '../../http';
import type {
  Experiment, Filter, ListExperimentsResponse, ListRunsResponse, ListTasksResponse, PipelineTask, Run,
  UpdateTasksBulkRequest, UpdateTasksBulkResponse, ViewMode,
} from './wire';

const API = 'apis/v2beta1';

export interface PageParams {
  page_size?: number;
  page_token?: string;
  /** "field", "field asc" or "field desc" (e.g. "created_at desc"). */
  sort_by?: string;
  filter?: Filter;
}

export interface ListRunsParams extends PageParams {
  namespace?: string;
  /** Deprecated in the proto but still served. */
  experiment_id?: string;
  view?: ViewMode;
}

/** Exactly one of run_id, parent_id or namespace. */
export type ListTasksParams = ({ run_id: string } | { parent_id: string } | { namespace: string }) & {
  page_size?: number;
  page_token?: string;
  filter?: Filter;
  order_by?: string;
};

export interface ListExperimentsParams extends PageParams {
  namespace?: string;
}

/** The error shape of KFP (googleRpcStatus; grpc-gateway also sends `error`). */
export function kfpErrorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' ? body : undefined;
  const o = body as { message?: unknown; error?: unknown };
  if (typeof o.message === 'string' && o.message) return o.message;
  return typeof o.error === 'string' && o.error ? o.error : undefined;
}

const enc = encodeURIComponent;
const filterParam = (f: Filter | undefined): string | undefined => (f && f.predicates.length ? JSON.stringify(f) : undefined);

/** One method per route: seed 000 (runs, tasks), experiments, and the KFP UI server's pod logs. */
export class KfpClient {
  constructor(readonly http: HttpClient) {}

  // Runs
  listRuns(p: ListRunsParams = {}, signal?: AbortSignal): Promise<ListRunsResponse> {
    const query = { namespace: p.namespace, experiment_id: p.experiment_id, page_token: p.page_token, page_size: p.page_size, sort_by: p.sort_by, filter: filterParam(p.filter), view: p.view };
    return this.http.json<ListRunsResponse | undefined>({ path: `${API}/runs`, query, signal }).then((r) => r ?? {});
  }

  getRun(runId: string, p: { experiment_id?: string; view?: ViewMode } = {}, signal?: AbortSignal): Promise<Run> {
    return this.http.json<Run>({ path: `${API}/runs/${enc(runId)}`, query: p, signal });
  }

  /** The body is the Run itself (display_name + pipeline_version_reference or pipeline_spec). */
  createRun(run: Run, p: { experiment_id?: string } = {}, signal?: AbortSignal): Promise<Run> {
    return this.http.json<Run>({ method: 'POST', path: `${API}/runs`, query: p, body: run, signal });
  }

  deleteRun(runId: string, p: { experiment_id?: string } = {}, signal?: AbortSignal): Promise<void> {
    // Deleting twice ends in 404 at worst: safe to retry.
    return this.http.json<void>({ method: 'DELETE', path: `${API}/runs/${enc(runId)}`, query: p, signal, idempotent: true });
  }

  archiveRun(runId: string, p: { experiment_id?: string } = {}, signal?: AbortSignal): Promise<void> {
    return this.runAction(runId, 'archive', p, signal);
  }

  unarchiveRun(runId: string, p: { experiment_id?: string } = {}, signal?: AbortSignal): Promise<void> {
    return this.runAction(runId, 'unarchive', p, signal);
  }

  terminateRun(runId: string, p: { experiment_id?: string } = {}, signal?: AbortSignal): Promise<void> {
    return this.runAction(runId, 'terminate', p, signal);
  }

  retryRun(runId: string, p: { experiment_id?: string } = {}, signal?: AbortSignal): Promise<void> {
    return this.runAction(runId, 'retry', p, signal);
  }

  /** `:archive` and friends: POST with no body, reply `{}`. */
  private async runAction(runId: string, verb: string, p: { experiment_id?: string }, signal?: AbortSignal): Promise<void> {
    await this.http.json<unknown>({ method: 'POST', path: `${API}/runs/${enc(runId)}:${verb}`, query: p, signal });
  }

  // Tasks (tasks-api servers only; released KFP answers 404)
  listTasks(p: ListTasksParams, signal?: AbortSignal): Promise<ListTasksResponse> {
    const query = { ...p, filter: filterParam(p.filter) };
    return this.http.json<ListTasksResponse | undefined>({ path: `${API}/tasks`, query, signal }).then((r) => r ?? {});
  }

  getTask(taskId: string, signal?: AbortSignal): Promise<PipelineTask> {
    return this.http.json<PipelineTask>({ path: `${API}/tasks/${enc(taskId)}`, signal });
  }

  createTask(task: PipelineTask, signal?: AbortSignal): Promise<PipelineTask> {
    return this.http.json<PipelineTask>({ method: 'POST', path: `${API}/tasks`, body: task, signal });
  }

  /** PATCH merges parameters; the body is the PipelineTask. */
  updateTask(taskId: string, task: PipelineTask, signal?: AbortSignal): Promise<PipelineTask> {
    return this.http.json<PipelineTask>({ method: 'PATCH', path: `${API}/tasks/${enc(taskId)}`, body: task, signal });
  }

  batchUpdateTasks(body: UpdateTasksBulkRequest, signal?: AbortSignal): Promise<UpdateTasksBulkResponse> {
    return this.http.json<UpdateTasksBulkResponse>({ method: 'POST', path: `${API}/tasks:batchUpdate`, body, signal });
  }

  // Experiments
  listExperiments(p: ListExperimentsParams = {}, signal?: AbortSignal): Promise<ListExperimentsResponse> {
    const query = { namespace: p.namespace, page_token: p.page_token, page_size: p.page_size, sort_by: p.sort_by, filter: filterParam(p.filter) };
    return this.http.json<ListExperimentsResponse | undefined>({ path: `${API}/experiments`, query, signal }).then((r) => r ?? {});
  }

  getExperiment(experimentId: string, signal?: AbortSignal): Promise<Experiment> {
    return this.http.json<Experiment>({ path: `${API}/experiments/${enc(experimentId)}`, signal });
  }

  /** Pod logs through the KFP UI server (ml-pipeline-ui), not part of the API swagger. */
  getPodLogs(podName: string, podNamespace?: string, signal?: AbortSignal): Promise<string> {
    return this.http.text({ path: 'k8s/pod/logs', query: { podname: podName, podnamespace: podNamespace }, signal });
  }
}
