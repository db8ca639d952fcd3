import {
  ACTIVE_STATUSES, BackendError, isTerminal, type ActionOptions, type Backend, type BackendDeps, type BackendNode, type BackendProfile,
  type ConnectionInfo, type CreateRunForm, type CreateRunFormOptions, type CreateRunRequest, type InterruptInfo, type ListOptions, type OutputBatch, type OutputEvent, type Page, type Run,
  type RunAction, type RunRef, type StreamOptions,
} from '../../core';
import { bearer, displayUrl, HttpClient, profileHttpOptions, sleep, type RetryPolicy } from '../../http';
import { experimentNode, groupNode, runFilter, runNode, taskNode, toExperiment, toRun, topLevelTasks, type KfpGroup } from './adapter';
import { KfpClient, kfpErrorMessage } from './client';
import { kfpCreateSchema } from './createForm';
import { TaskSource, type TaskEntry } from './tasks';
import type * as W from './wire';

export interface KfpBackendOptions {
  /** Interval of the polls behind streamOutput and waitForRun (KFP has no push). */
  readonly pollIntervalMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** Experiments Create Run offers. */
const MAX_FORM_EXPERIMENTS = 100;

/** Active runs fetched for the status bar at once (newest first). */
const ACTIVE_PAGE = 100;

export class KfpBackend implements Backend {
  readonly client: KfpClient;
  private readonly tasks: TaskSource;
  private readonly label: string;
  private readonly pollMs: number;

  constructor(readonly profile: BackendProfile, deps: BackendDeps, options: KfpBackendOptions = {}) {
    this.label = `KFP at ${displayUrl(profile.baseUrl).replace(/\/$/, '')}`;
    this.pollMs = options.pollIntervalMs ?? 5000;
    const http = new HttpClient({
      ...profileHttpOptions(profile, deps, { label: this.label, header: bearer, errorMessage: kfpErrorMessage }),
      retry: options.retry,
    });
    this.client = new KfpClient(http);
    this.tasks = new TaskSource(this.client, deps.log, this.label);
  }

  /** Root: Experiments, All Runs, Archived; then experiments > runs > tasks > child tasks. */
  async listChildren(parent: BackendNode | undefined, o: ListOptions): Promise<Page<BackendNode>> {
    const scope = parent?.scope ?? {};
    if (!parent) return { items: (['experiments', 'all', 'archived'] as KfpGroup[]).map((g) => groupNode(g, this.profile.experimentId)) };
    switch (parent.type) {
      case 'group':
        if (scope.group === 'experiments') return this.experiments(o);
        return this.runs(o, scope.experimentId ?? this.profile.experimentId, scope.group === 'archived');
      case 'experiment':
        return this.runs(o, scope.experimentId, false);
      case 'run':
        return this.runTasks(scope.runId, o);
      case 'task': {
        const r = await this.tasks.childrenOf(scope.runId, scope.taskId, o.pageSize, o.cursor, o.signal);
        return { items: r.entries.map((e) => taskNode(e.task, e.hasChildren)), next: r.next };
      }
      default:
        return { items: [] };
    }
  }

  /** One request: non-archived runs whose state is active (server-side filter). */
  async listActiveRuns(signal?: AbortSignal): Promise<readonly Run[]> {
    const page = await this.runs({ pageSize: ACTIVE_PAGE, filter: { statuses: ACTIVE_STATUSES }, signal }, this.profile.experimentId, false);
    return page.items.flatMap((n) => (n.run ? [n.run] : []));
  }

  private async experiments(o: ListOptions): Promise<Page<BackendNode>> {
    if (this.profile.experimentId) {
      return { items: [experimentNode(toExperiment(await this.client.getExperiment(this.profile.experimentId, o.signal)))] };
    }
    const r = await this.client.listExperiments({ namespace: this.profile.namespace, page_size: o.pageSize, page_token: o.cursor, sort_by: 'created_at desc' }, o.signal);
    return { items: (r.experiments ?? []).map((e) => experimentNode(toExperiment(e))), next: r.next_page_token || undefined, total: r.total_size };
  }

  private async runs(o: ListOptions, experimentId: string | undefined, archived: boolean): Promise<Page<BackendNode>> {
    const r = await this.client.listRuns(
      { namespace: this.profile.namespace, experiment_id: experimentId, page_size: o.pageSize, page_token: o.cursor, sort_by: 'created_at desc', filter: runFilter(o.filter, archived) },
      o.signal,
    );
    return { items: (r.runs ?? []).map((w) => runNode(toRun(w, this.profile.id))), next: r.next_page_token || undefined, total: r.total_size };
  }

  /** A run's top-level tasks, paged by offset over the run's task list (fetched once per page request). */
  private async runTasks(runId: string, o: ListOptions): Promise<Page<BackendNode>> {
    const entries = await this.tasks.ofRun(runId, o.signal);
    const types = new Map(entries.map((e) => [e.task.id, e.type]));
    const top = new Set(topLevelTasks(entries.map((e) => e.task), types).map((t) => t.id));
    const shown = entries.filter((e) => top.has(e.task.id));
    const from = Number(o.cursor ?? 0);
    const page = shown.slice(from, from + o.pageSize);
    const next = from + o.pageSize < shown.length ? String(from + o.pageSize) : undefined;
    return { items: page.map((e) => taskNode(e.task, e.hasChildren)), next, total: shown.length };
  }

  async getRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    return toRun(await this.client.getRun(ref.runId, {}, signal), this.profile.id);
  }

  /** cancel = `:terminate`, retry = `:retry`, archive/unarchive, delete = DELETE. */
  async perform(ref: RunRef, action: RunAction, options: ActionOptions = {}): Promise<void> {
    const { runId } = ref;
    const s = options.signal;
    switch (action) {
      case 'cancel': return this.client.terminateRun(runId, {}, s);
      case 'retry': return this.client.retryRun(runId, {}, s);
      case 'archive': return this.client.archiveRun(runId, {}, s);
      case 'unarchive': return this.client.unarchiveRun(runId, {}, s);
      case 'delete': return this.client.deleteRun(runId, {}, s);
      default: throw new BackendError('unsupported', `${this.label}: "${String(action)}" is not a KFP run action`);
    }
  }

  /** KFP has no push: polls the run (and its tasks) and reports changes, until the run ends or the caller aborts. */
  async *streamOutput(ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch> {
    const seen = new Map<string, string>();
    let lastState: string | undefined;
    while (!options.signal.aborted) {
      let run: Run;
      let tasks: TaskEntry[];
      try {
        const wire = await this.client.getRun(ref.runId, {}, options.signal);
        run = toRun(wire, this.profile.id);
        tasks = await this.tasks.ofRun(ref.runId, options.signal, wire);
      } catch (e) {
        if (options.signal.aborted) return;
        throw e;
      }
      const time = new Date();
      const batch: OutputEvent[] = [];
      if (run.state.raw !== lastState) {
        lastState = run.state.raw;
        batch.push({ type: 'state', time, data: { state: run.state.raw, status: run.state.status, message: run.message } });
      }
      for (const { task } of tasks) {
        if (seen.get(task.id) === task.state.raw) continue;
        seen.set(task.id, task.state.raw);
        batch.push({ type: 'task', time, data: { task_id: task.id, name: task.name, state: task.state.raw, status: task.state.status, pod_name: task.podName, message: task.message } });
      }
      if (batch.length) yield batch;
      if (isTerminal(run.state.status)) return;
      if (!(await this.pause(options.signal))) return;
    }
  }

  async getInterrupt(): Promise<InterruptInfo | undefined> {
    return undefined;
  }

  async resume(): Promise<RunRef> {
    throw new BackendError('unsupported', `${this.label}: KFP runs cannot be resumed with input`);
  }

  async waitForRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    for (;;) {
      const run = await this.getRun(ref, signal);
      if (isTerminal(run.state.status)) return run;
      if (!(await this.pause(signal))) throw new BackendError('aborted', `${this.label}: stopped waiting for run ${ref.runId}`);
    }
  }

  /** The body is a KFP Run: display_name plus pipeline_version_reference or pipeline_spec; checked before sending. */
  async createRun(request: CreateRunRequest): Promise<RunRef> {
    const body = request.body;
    const problem = checkCreateBody(body);
    if (problem) throw new BackendError('rejected', `${this.label}: ${problem}`);
    const run = body as W.Run;
    const created = await this.client.createRun({ ...run, experiment_id: run.experiment_id || this.profile.experimentId }, {}, request.signal);
    if (!created?.run_id) throw new BackendError('bad-response', `${this.label}: the server created a run but sent no run_id`);
    return { backendId: this.profile.id, runId: created.run_id };
  }

  async createRunTemplate(): Promise<unknown> {
    return {
      display_name: 'my-run',
      description: '',
      ...(this.profile.experimentId ? { experiment_id: this.profile.experimentId } : {}),
      pipeline_version_reference: { pipeline_id: '<pipeline id>', pipeline_version_id: '<pipeline version id>' },
      runtime_config: { parameters: {} },
    };
  }

  /** Create Run as a form: the experiment is picked from the server's experiments (newest first). */
  async createRunForm(options: CreateRunFormOptions = {}): Promise<CreateRunForm> {
    const { signal, picks = {} } = options;
    const r = await this.client.listExperiments({ namespace: this.profile.namespace, page_size: MAX_FORM_EXPERIMENTS, sort_by: 'created_at desc' }, signal);
    const experiments = (r.experiments ?? []).filter((e) => e.experiment_id && e.storage_state !== 'ARCHIVED');
    const ids = experiments.map((e) => e.experiment_id as string);
    if (this.profile.experimentId && !ids.includes(this.profile.experimentId)) ids.push(this.profile.experimentId);
    const experimentId = picks['experiment_id'] && ids.includes(picks['experiment_id']) ? picks['experiment_id'] : this.profile.experimentId;
    const template = (await this.createRunTemplate()) as Record<string, unknown>;
    return {
      schema: kfpCreateSchema(ids),
      template: { ...template, ...(experimentId ? { experiment_id: experimentId } : {}) },
      choices: experiments.length > 1 && !this.profile.experimentId
        ? [{ key: 'experiment_id', title: 'Experiment', options: experiments.map((e) => ({ value: e.experiment_id as string, label: e.display_name || (e.experiment_id as string), description: e.experiment_id })) }]
        : [],
    };
  }

  /**
   * A task's pod log through the KFP UI server; without a task, the run's state history and task states.
   * Says why there is no log (no pod, or the base URL is the API server rather than the UI).
   */
  async getLog(ref: RunRef, taskId?: string, signal?: AbortSignal): Promise<string> {
    if (!taskId) return this.runSummaryLog(ref, signal);
    const entries = await this.tasks.ofRun(ref.runId, signal);
    const task = entries.find((e) => e.task.id === taskId)?.task;
    if (!task) throw new BackendError('not-found', `${this.label}: run ${ref.runId} has no task ${taskId}`);
    if (!task.podName) throw new BackendError('unsupported', `${this.label}: task "${task.name}" ran no pod (DAG, condition or cached step), so it has no log`);
    try {
      return await this.client.getPodLogs(task.podName, this.profile.namespace ?? 'kubeflow', signal);
    } catch (e) {
      if (e instanceof BackendError && (e.code === 'not-found' || e.code === 'unsupported' || e.code === 'bad-response')) {
        throw new BackendError(
          'unsupported',
          `${this.label}: no pod log for "${task.name}": pod logs are served by the KFP UI (ml-pipeline-ui) at /k8s/pod/logs; point the base URL at the UI, not the API server, or the pod was deleted (${e.message})`,
          { status: e.details.status, cause: e },
        );
      }
      throw e;
    }
  }

  private async runSummaryLog(ref: RunRef, signal?: AbortSignal): Promise<string> {
    const wire = await this.client.getRun(ref.runId, {}, signal);
    const lines = (wire.state_history ?? []).map((h) => `${h.update_time ?? ''} ${h.state ?? ''}${h.error?.message ? ` — ${h.error.message}` : ''}`);
    const tasks = await this.tasks.ofRun(ref.runId, signal, wire);
    for (const { task } of tasks) lines.push(`task ${task.name}: ${task.state.raw}${task.message ? ` — ${task.message}` : ''}`);
    return lines.join('\n');
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const r = await this.client.listRuns({ namespace: this.profile.namespace, page_size: 1 }, signal);
    const count = r.total_size ?? r.runs?.length ?? 0;
    return { summary: `${this.label}: ${count} run${count === 1 ? '' : 's'}` };
  }

  /** The KFP UI's run page (uiUrl, or the base URL when it is the UI). */
  webUrl(ref: RunRef): string | undefined {
    const ui = (this.profile.uiUrl ?? this.profile.baseUrl).replace(/\/?$/, '/');
    return `${ui}#/runs/details/${encodeURIComponent(ref.runId)}`;
  }

  dispose(): void {
    // Nothing held open: requests end with their callers' signals.
  }

  /** Waits one poll interval; false when aborted. */
  private async pause(signal?: AbortSignal): Promise<boolean> {
    try {
      await sleep(this.pollMs, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function checkCreateBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the run must be a JSON object (a KFP Run)';
  const r = body as Record<string, unknown>;
  if (typeof r.display_name !== 'string' || !r.display_name.trim()) return 'display_name is required';
  if (!r.pipeline_version_reference && !r.pipeline_spec) return 'give pipeline_version_reference {pipeline_id, pipeline_version_id} or an inline pipeline_spec';
  const ref = r.pipeline_version_reference as Record<string, unknown> | undefined;
  if (ref && (typeof ref !== 'object' || typeof ref.pipeline_id !== 'string' || !ref.pipeline_id)) return 'pipeline_version_reference.pipeline_id is required';
  return undefined;
}
