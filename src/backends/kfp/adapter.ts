import type { BackendNode, Experiment, Run, RunFilter, Task } from '../../core';
import { rawRunStates, runCapabilities, runState, taskState } from './status';
import type * as W from './wire';

/** KFP writes the epoch for "not yet" (e.g. finished_at of a running run). */
export function kfpTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) || d.getTime() <= 0 ? undefined : d;
}

export function toRun(w: W.Run, backendId: string): Run {
  const state = runState(w.state);
  const archived = w.storage_state === 'ARCHIVED';
  const started = w.state_history?.find((h) => h.state === 'RUNNING')?.update_time;
  const failure = [...(w.state_history ?? [])].reverse().find((h) => h.error?.message)?.error?.message;
  return {
    backendId,
    runId: w.run_id ?? '',
    kind: 'kfp',
    name: w.display_name || w.run_id || '(unnamed run)',
    state,
    createdAt: kfpTime(w.created_at),
    startedAt: kfpTime(started) ?? kfpTime(w.scheduled_at),
    finishedAt: kfpTime(w.finished_at),
    capabilities: runCapabilities(state, archived),
    experimentId: w.experiment_id || undefined,
    archived,
    message: failure ?? w.error?.message,
    raw: w,
  };
}

/** A task of the tasks API. */
export function fromPipelineTask(t: W.PipelineTask, runId: string): Task {
  // The executor pod holds the component's log; a cached or DAG task has only a driver.
  const pod = t.pods?.find((p) => p.type === 'EXECUTOR');
  return {
    id: t.task_id ?? '',
    runId: t.run_id || runId,
    parentId: t.parent_task_id || undefined,
    name: t.display_name || t.name || t.task_id || '(task)',
    state: taskState(t.state),
    startedAt: kfpTime(t.create_time),
    finishedAt: kfpTime(t.end_time),
    podName: pod?.name || undefined,
    message: t.status_metadata?.message || t.state_history?.find((h) => h.error?.message)?.error?.message || undefined,
  };
}

/** A task of `run.run_details.task_details` (released KFP). */
export function fromTaskDetail(t: W.PipelineTaskDetail, runId: string): Task {
  return {
    id: t.task_id ?? '',
    runId: t.run_id || runId,
    parentId: t.parent_task_id || undefined,
    name: t.display_name || t.task_id || '(task)',
    state: taskState(t.state),
    startedAt: kfpTime(t.start_time) ?? kfpTime(t.create_time),
    finishedAt: kfpTime(t.end_time),
    podName: t.pod_name || undefined,
    message: t.error?.message || undefined,
  };
}

export function toExperiment(w: W.Experiment): Experiment {
  return {
    id: w.experiment_id ?? '',
    name: w.display_name || w.experiment_id || '(unnamed experiment)',
    description: w.description || undefined,
    createdAt: kfpTime(w.created_at),
    lastRunAt: kfpTime(w.last_run_created_at),
    archived: w.storage_state === 'ARCHIVED',
  };
}

/**
 * Tasks shown directly under a run. The tasks API has a ROOT task standing for the run itself: its children
 * are the top level. Otherwise a task is top-level when its parent is not among the run's tasks.
 */
export function topLevelTasks(tasks: readonly Task[], types: ReadonlyMap<string, string | undefined> = new Map()): Task[] {
  const ids = new Set(tasks.map((t) => t.id));
  const roots = new Set(tasks.filter((t) => types.get(t.id) === 'ROOT').map((t) => t.id));
  return tasks.filter((t) => !roots.has(t.id) && (!t.parentId || !ids.has(t.parentId) || roots.has(t.parentId)));
}

/** The filter.proto predicates for the user's filter plus the storage state of the group shown. */
export function runFilter(filter: RunFilter | undefined, archived: boolean): W.Filter {
  const predicates: W.Predicate[] = [{ key: 'storage_state', operation: 'EQUALS', string_value: archived ? 'ARCHIVED' : 'AVAILABLE' }];
  if (filter?.text) predicates.push({ key: 'display_name', operation: 'IS_SUBSTRING', string_value: filter.text });
  if (filter?.statuses?.length) predicates.push({ key: 'state', operation: 'IN', string_values: { values: rawRunStates(filter.statuses) } });
  return { predicates };
}

export function runNode(run: Run): BackendNode {
  return { type: 'run', key: `run:${run.runId}`, label: run.name, expandable: true, run, scope: { runId: run.runId } };
}

export function taskNode(task: Task, hasChildren: boolean): BackendNode {
  return {
    type: 'task',
    key: `task:${task.runId}:${task.id}`,
    label: task.name,
    description: task.state.raw || undefined,
    expandable: hasChildren,
    task,
    state: task.state,
    scope: { runId: task.runId, taskId: task.id },
  };
}

export function experimentNode(e: Experiment): BackendNode {
  return { type: 'experiment', key: `exp:${e.id}`, label: e.name, description: e.description, expandable: true, experiment: e, icon: 'beaker', scope: { experimentId: e.id } };
}

export type KfpGroup = 'experiments' | 'all' | 'archived';

export function groupNode(group: KfpGroup, experimentId?: string): BackendNode {
  const labels: Record<KfpGroup, [string, string]> = { experiments: ['Experiments', 'folder-library'], all: ['All Runs', 'list-unordered'], archived: ['Archived', 'archive'] };
  const [label, icon] = labels[group];
  const suffix = experimentId ? `:${experimentId}` : '';
  return { type: 'group', key: `group:${group}${suffix}`, label, expandable: true, icon, scope: { group, ...(experimentId ? { experimentId } : {}) } };
}
