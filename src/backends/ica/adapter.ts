import type { BackendNode, Run, RunFilter, RunState, Task } from '../../core';
import { icaState, rawStatuses, runCapabilities } from './status';
import type * as W from './wire';

export function icaTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A task run (full or summary) in the domain model. */
export function toRun(w: W.TaskRun | W.TaskRunSummary, backendId: string): Run {
  const state = icaState(w.status);
  const logs = 'logs' in w ? w.logs ?? [] : [];
  const lastError = [...logs].reverse().find((l) => l.error)?.error;
  return {
    backendId,
    runId: w.id ?? '',
    kind: 'ica',
    name: w.name || w.id || '(unnamed task run)',
    state,
    createdAt: icaTime(w.timeCreated),
    startedAt: icaTime(logs[0]?.startTime),
    finishedAt: state.status !== 'queued' && state.status !== 'running' ? icaTime(logs[logs.length - 1]?.endTime) ?? icaTime(w.timeModified) : undefined,
    capabilities: runCapabilities(state),
    message: w.statusDetails || lastError || undefined,
    raw: w,
  };
}

/**
 * One attempt of a run (`logs[i]`) as a Task so the UI can ask for its log with `getLog(ref, task.id)`.
 * The spec gives attempts no status: an error means failed; an earlier attempt that ended was retried
 * (failed); the last one shares the run's state.
 */
export function toAttempt(run: W.TaskRun, index: number): Task {
  const logs = run.logs ?? [];
  const log = logs[index];
  const last = index === logs.length - 1;
  let state: RunState = icaState(run.status);
  if (log.error) state = { status: 'failed', raw: 'Failed' };
  else if (!last) state = { status: 'failed', raw: 'Retried' };
  return {
    id: String(index),
    runId: run.id ?? '',
    name: `Attempt ${index + 1}`,
    state,
    startedAt: icaTime(log.startTime),
    finishedAt: icaTime(log.endTime),
    message: [log.error, log.errorDetails].filter(Boolean).join(': ') || undefined,
  };
}

export function runNode(run: Run): BackendNode {
  return { type: 'run', key: `run:${run.runId}`, label: run.name, expandable: true, run, scope: { runId: run.runId } };
}

export function attemptNode(task: Task): BackendNode {
  return {
    type: 'attempt',
    key: `attempt:${task.runId}:${task.id}`,
    label: task.name,
    description: task.message ?? task.state.raw,
    expandable: false,
    task,
    state: task.state,
    icon: 'output',
    scope: { runId: task.runId, attempt: task.id },
  };
}

/** List query for the user's filter; the spec leaves `names`/`status` undescribed, so values are comma-joined. */
export function listFilter(filter: RunFilter | undefined): Pick<W.ListTaskRunsParams, 'names' | 'status'> {
  const statuses = filter?.statuses?.length ? rawStatuses(filter.statuses) : [];
  return {
    names: filter?.text || undefined,
    status: statuses.length ? statuses.join(',') : undefined,
  };
}

/** The text of one attempt's log: stdout, then stderr and the error, each labelled. */
export function attemptLog(run: W.TaskRun, index: number): string {
  const log = run.logs?.[index];
  if (!log) return '';
  const parts: string[] = [];
  if (log.stdout) parts.push(log.stdout);
  if (log.stderr) parts.push(`--- stderr ---\n${log.stderr}`);
  if (log.error) parts.push(`--- error ---\n${log.error}${log.errorDetails ? `\n${log.errorDetails}` : ''}`);
  return parts.join('\n');
}
