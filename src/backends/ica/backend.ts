import {
  ACTIVE_STATUSES, BackendError, isTerminal, type ActionOptions, type Backend, type BackendDeps, type BackendNode, type BackendProfile,
  type ConnectionInfo, type CreateRunForm, type CreateRunRequest, type InterruptInfo, type ListOptions, type OutputBatch, type OutputEvent, type Page, type Run,
  type RunAction, type RunRef, type StreamOptions,
} from '../../core';
import { displayUrl, HttpClient, profileHttpOptions, sleep, type RetryPolicy } from '../../http';
import { attemptLog, attemptNode, listFilter, runNode, toAttempt, toRun } from './adapter';
import { IcaTokens } from './auth';
import { IcaClient, icaErrorMessage } from './client';
import { icaCreateSchema } from './createForm';
import type * as W from './wire';

export interface IcaBackendOptions {
  /** Interval of the polls behind streamOutput and waitForRun (ICA has no push). */
  readonly pollIntervalMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Clock of the JWT refresh (tests). */
  readonly now?: () => number;
}

export class IcaBackend implements Backend {
  readonly client: IcaClient;
  readonly tokens: IcaTokens;
  private readonly label: string;
  private readonly pollMs: number;

  constructor(readonly profile: BackendProfile, deps: BackendDeps, options: IcaBackendOptions = {}) {
    this.label = `ICA at ${displayUrl(profile.baseUrl).replace(/\/$/, '')}`;
    this.pollMs = options.pollIntervalMs ?? 5000;
    // The token exchange sends the API key itself; every other request the JWT.
    const common = { ...profileHttpOptions(profile, deps, { label: this.label, errorMessage: icaErrorMessage }), retry: options.retry };
    const tokenHttp = new HttpClient(common);
    this.tokens = new IcaTokens({
      label: this.label,
      apiKey: () => deps.credentials.get(profile.id),
      exchange: (key) => this.client.createToken(key),
      now: options.now,
    });
    const http = new HttpClient({ ...common, auth: () => this.tokens.headers(), onUnauthorized: () => this.tokens.invalidate() });
    this.client = new IcaClient(http, tokenHttp);
  }

  /** Root: task runs, newest first, paged by token; a run: its attempts (`logs[]`). */
  async listChildren(parent: BackendNode | undefined, o: ListOptions): Promise<Page<BackendNode>> {
    if (!parent) {
      const r = await this.client.listTaskRuns({ sort: 'timeCreated desc', pageSize: Math.min(1000, Math.max(1, o.pageSize)), pageToken: o.cursor, ...listFilter(o.filter) }, o.signal);
      return { items: (r.items ?? []).map((w) => runNode(toRun(w, this.profile.id))), next: r.nextPageToken || undefined, total: r.totalItemCount };
    }
    if (parent.type === 'run' && parent.scope?.runId) {
      const run = await this.client.getTaskRun(parent.scope.runId, o.signal);
      return { items: (run.logs ?? []).map((_l, i) => attemptNode(toAttempt(run, i))) };
    }
    return { items: [] };
  }

  async getRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    return toRun(await this.client.getTaskRun(ref.runId, signal), this.profile.id);
  }

  /** Only cancel exists (`:abort`); ICA has no retry, archive or delete of task runs. */
  async perform(ref: RunRef, action: RunAction, options: ActionOptions = {}): Promise<void> {
    if (action !== 'cancel') throw new BackendError('unsupported', `${this.label}: ICA task runs cannot be ${action === 'retry' ? 'retried' : `${action}d`}`);
    await this.client.abortTaskRun(ref.runId, options.signal);
  }

  /** Polls the run: status changes, then new stdout/stderr text of each attempt (one batch a poll), until the run ends. */
  async *streamOutput(ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch> {
    let lastStatus: string | undefined;
    const sent = new Map<string, string>();
    while (!options.signal.aborted) {
      let run: W.TaskRun;
      try {
        run = await this.client.getTaskRun(ref.runId, options.signal);
      } catch (e) {
        if (options.signal.aborted) return;
        throw e;
      }
      const time = new Date();
      const batch: OutputEvent[] = [];
      const domain = toRun(run, this.profile.id);
      if (domain.state.raw !== lastStatus) {
        lastStatus = domain.state.raw;
        batch.push({ type: 'state', time, data: { status: domain.state.raw, normalized: domain.state.status, statusDetails: run.statusDetails } });
      }
      for (const [i, log] of (run.logs ?? []).entries()) {
        for (const stream of ['stdout', 'stderr'] as const) {
          const text = log[stream] ?? '';
          const key = `${i}:${stream}`;
          const before = sent.get(key) ?? '';
          if (text === before) continue;
          sent.set(key, text);
          // Logs normally grow; if the server rewrote them, send the whole text again.
          const delta = text.startsWith(before) ? text.slice(before.length) : text;
          batch.push({ type: stream, time, data: { attempt: i + 1, text: delta, ...(text.startsWith(before) ? {} : { replaced: true }) } });
        }
      }
      if (batch.length) yield batch;
      if (isTerminal(domain.state.status)) return;
      if (!(await this.pause(options.signal))) return;
    }
  }

  async getInterrupt(): Promise<InterruptInfo | undefined> {
    return undefined;
  }

  async resume(): Promise<RunRef> {
    throw new BackendError('unsupported', `${this.label}: ICA task runs cannot be resumed with input`);
  }

  async waitForRun(ref: RunRef, signal?: AbortSignal): Promise<Run> {
    for (;;) {
      const run = await this.getRun(ref, signal);
      if (isTerminal(run.state.status)) return run;
      if (!(await this.pause(signal))) throw new BackendError('aborted', `${this.label}: stopped waiting for task run ${ref.runId}`);
    }
  }

  /**
   * Either a CreateTaskRunRequest (`execution.image.name` required) or a launch of a task version:
   * `{taskId, versionId, name?, arguments?}`. Checked before anything is sent.
   */
  async createRun(request: CreateRunRequest): Promise<RunRef> {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw this.rejected('the task run must be a JSON object');
    const b = body as Record<string, unknown>;
    let created: W.TaskRun;
    if (b.taskId !== undefined || b.versionId !== undefined) {
      if (typeof b.taskId !== 'string' || !b.taskId || typeof b.versionId !== 'string' || !b.versionId) throw this.rejected('a launch needs both taskId and versionId');
      const { taskId, versionId, ...launch } = b;
      created = await this.client.launchTaskVersion(taskId, versionId, launch as W.LaunchTaskRequest, request.signal);
    } else {
      const image = (b.execution as W.Execution | undefined)?.image;
      if (!image || typeof image.name !== 'string' || !image.name) throw this.rejected('execution.image.name is required');
      created = await this.client.createTaskRun(b as W.CreateTaskRunRequest, request.signal);
    }
    if (!created?.id) throw new BackendError('bad-response', `${this.label}: the server created a task run but sent no id`);
    return { backendId: this.profile.id, runId: created.id };
  }

  /** Create Run as a form: the CreateTaskRunRequest schema (nothing to pick). */
  async createRunForm(): Promise<CreateRunForm> {
    return { schema: icaCreateSchema(), template: await this.createRunTemplate(), choices: [] };
  }

  async createRunTemplate(): Promise<unknown> {
    return {
      name: 'my-task-run',
      description: '',
      execution: {
        image: { name: 'ubuntu', tag: 'latest' },
        command: 'bash',
        args: ['-c', 'echo hello'],
        inputs: [],
        outputs: [],
        environment: { variables: {}, resources: { type: 'standard', size: 'small' } },
        retryLimit: 3,
      },
    };
  }

  /** One attempt's stdout/stderr (`taskId` = attempt index), or every attempt's, labelled. */
  async getLog(ref: RunRef, taskId?: string, signal?: AbortSignal): Promise<string> {
    const run = await this.client.getTaskRun(ref.runId, signal);
    const logs = run.logs ?? [];
    if (taskId !== undefined) {
      const i = Number(taskId);
      if (!Number.isInteger(i) || !logs[i]) throw new BackendError('not-found', `${this.label}: task run ${ref.runId} has no attempt ${taskId}`);
      return attemptLog(run, i);
    }
    if (!logs.length) throw new BackendError('unsupported', `${this.label}: task run ${ref.runId} has no logs yet (status ${run.status ?? 'Pending'})`);
    return logs.map((_l, i) => `=== Attempt ${i + 1} ===\n${attemptLog(run, i)}`).join('\n');
  }

  /** One request: the newest task runs whose status is active (server-side status filter). */
  async listActiveRuns(signal?: AbortSignal): Promise<readonly Run[]> {
    const page = await this.listChildren(undefined, { pageSize: 100, filter: { statuses: ACTIVE_STATUSES }, signal });
    return page.items.flatMap((n) => (n.run ? [n.run] : []));
  }

  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const r = await this.client.listTaskRuns({ pageSize: 1 }, signal);
    const count = r.totalItemCount ?? r.items?.length ?? 0;
    return { summary: `${this.label}: ${count} task run${count === 1 ? '' : 's'}` };
  }

  /** The ICA console, when configured (its run pages are not addressable from the API). */
  webUrl(): string | undefined {
    return this.profile.uiUrl;
  }

  dispose(): void {
    // The JWT lives in memory only and goes with this object.
  }

  private rejected(what: string): BackendError {
    return new BackendError('rejected', `${this.label}: ${what}`);
  }

  private async pause(signal?: AbortSignal): Promise<boolean> {
    try {
      await sleep(this.pollMs, signal);
      return true;
    } catch {
      return false;
    }
  }
}
