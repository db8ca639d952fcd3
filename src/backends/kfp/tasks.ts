import { BackendError, type Logger, type Task } from '../../core';
import type { KfpClient } from './client';
import { fromPipelineTask, fromTaskDetail } from './adapter';
import type { PipelineTask, Run } from './wire';

/** A task plus what the tree needs to know about it. */
export interface TaskEntry {
  readonly task: Task;
  readonly type?: string;
  readonly hasChildren: boolean;
}

const PAGE = 200;
const MAX_PAGES = 25;

/**
 * Where a run's tasks come from. The seed's `/apis/v2beta1/tasks` exists on no released KFP: try it once,
 * and on 404/405 remember that this server carries tasks in `run.run_details.task_details` instead.
 */
export class TaskSource {
  /** undefined until the first call tells. */
  hasTasksApi: boolean | undefined;

  constructor(private readonly client: KfpClient, private readonly log: Logger, private readonly label: string) {}

  /** All tasks of a run, in server order; `known` (the run just fetched) saves a request without the tasks API. */
  async ofRun(runId: string, signal?: AbortSignal, known?: Run): Promise<TaskEntry[]> {
    if (this.hasTasksApi !== false) {
      const viaApi = await this.tryTasksApi(runId, signal);
      if (viaApi) return viaApi;
    }
    return fromDetails(known ?? (await this.client.getRun(runId, {}, signal)), runId);
  }

  /** Children of one task; paged by the server when the tasks API exists. */
  async childrenOf(runId: string, taskId: string, pageSize: number, cursor: string | undefined, signal?: AbortSignal): Promise<{ entries: TaskEntry[]; next?: string }> {
    if (this.hasTasksApi) {
      const r = await this.client.listTasks({ parent_id: taskId, page_size: pageSize, page_token: cursor }, signal);
      return { entries: (r.tasks ?? []).map((t) => apiEntry(t, runId)), next: r.next_page_token || undefined };
    }
    const all = await this.ofRun(runId, signal);
    return { entries: all.filter((e) => e.task.parentId === taskId) };
  }

  private async tryTasksApi(runId: string, signal?: AbortSignal): Promise<TaskEntry[] | undefined> {
    const entries: TaskEntry[] = [];
    let token: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await this.client.listTasks({ run_id: runId, page_size: PAGE, page_token: token }, signal);
        entries.push(...(r.tasks ?? []).map((t) => apiEntry(t, runId)));
        token = r.next_page_token || undefined;
        if (!token) break;
      }
    } catch (e) {
      if (!(e instanceof BackendError && (e.code === 'not-found' || e.code === 'unsupported') && this.hasTasksApi === undefined)) throw e;
      // A 404 may mean "no such route" or "no such run": the run itself tells (and throws if it is gone).
      const run = await this.client.getRun(runId, {}, signal);
      this.hasTasksApi = false;
      this.log.info(`${this.label}: no tasks API (${e.details.status}); using run_details.task_details`);
      return fromDetails(run, runId);
    }
    this.hasTasksApi = true;
    const withChildren = new Set(entries.map((e) => e.task.parentId));
    return entries.map((e) => ({ ...e, hasChildren: e.hasChildren || withChildren.has(e.task.id) }));
  }
}

function fromDetails(run: Run, runId: string): TaskEntry[] {
  const details = run.run_details?.task_details ?? [];
  const tasks = details.map((d) => fromTaskDetail(d, runId));
  // Released KFP lists the pipeline's root DAG as the one task without a parent: it stands for the run
  // itself, like the tasks API's ROOT task, so it is typed ROOT and its children shown at the top.
  const parentless = tasks.filter((t) => !t.parentId);
  const rootId = parentless.length === 1 && tasks.length > 1 ? parentless[0].id : undefined;
  return tasks.map((task, i) => ({
    task,
    type: task.id === rootId ? 'ROOT' : undefined,
    hasChildren: (details[i].child_tasks?.length ?? 0) > 0 || tasks.some((t) => t.parentId === task.id),
  }));
}

function apiEntry(t: PipelineTask, runId: string): TaskEntry {
  return { task: fromPipelineTask(t, runId), type: t.type, hasChildren: (t.child_tasks?.length ?? 0) > 0 };
}
