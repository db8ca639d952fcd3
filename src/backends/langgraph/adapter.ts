import { requiredId, type BackendNode, type InterruptInfo, type Run as CoreRun } from '../../core';
import { lgCapabilities, lgRunState, lgThreadState } from './status';
import type { Interrupt, Run, Thread, ThreadState } from './wire';

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The graph a run or thread belongs to (metadata set by the server on every run). */
export function graphOf(metadata: Record<string, unknown> | undefined): string | undefined {
  return str(metadata?.['graph_id']);
}

/** Graph and short id: `metadata.name` is not used because LangGraph copies the thread's metadata into its runs. */
export function runName(run: Run): string {
  const graph = graphOf(run.metadata);
  return graph ? `${graph} ${shortId(run.run_id)}` : `run ${shortId(run.run_id)}`;
}

export function toRun(backendId: string, run: Run, threadStatus: string | undefined): CoreRun {
  requiredId(run.run_id, 'run_id', 'The LangGraph server');
  const state = lgRunState(run.status);
  const finished = state.status === 'running' || state.status === 'queued' ? undefined : date(run.updated_at);
  return {
    backendId,
    runId: run.run_id,
    threadId: run.thread_id,
    kind: 'langgraph',
    name: runName(run),
    state,
    createdAt: date(run.created_at),
    ...(finished ? { finishedAt: finished } : {}),
    capabilities: lgCapabilities(run.status, threadStatus),
    ...(str(run.assistant_id) ? { agentId: run.assistant_id } : {}),
    ...(state.status === 'unknown' && run.status ? { message: `unknown status "${run.status}"` } : {}),
    raw: run,
  };
}

export function runNode(run: CoreRun): BackendNode {
  return { type: 'run', key: `run:${run.runId}`, label: run.name, expandable: false, run };
}

/** A thread node: label from metadata (name or graph) and id, status as its state. */
export function threadNode(thread: Thread): BackendNode {
  const state = lgThreadState(thread.status);
  const named = str(thread.metadata?.['name']) ?? graphOf(thread.metadata);
  return {
    type: 'thread',
    key: `thread:${thread.thread_id}`,
    label: named ? `${named} ${shortId(thread.thread_id)}` : `thread ${shortId(thread.thread_id)}`,
    description: thread.status ?? '',
    expandable: true,
    state,
    icon: 'comment-discussion',
    scope: { threadId: thread.thread_id, ...(thread.status ? { status: thread.status } : {}) },
  };
}

/** The interrupts of a thread: `thread.interrupts` (task id -> list), else the state's `tasks[].interrupts`. */
export function threadInterrupts(thread: Thread | undefined, state: ThreadState | undefined): Interrupt[] {
  const fromThread = Object.values(thread?.interrupts ?? {}).flat();
  if (fromThread.length) return fromThread;
  return (state?.tasks ?? []).flatMap((t) => t.interrupts ?? []);
}

/**
 * What an interrupted thread asks: one interrupt -> its value; several -> `[{id, value}]` (resume then
 * takes a map of interrupt id -> value). The task name is the type. LangGraph publishes no resume schema.
 */
export function toInterrupt(interrupts: Interrupt[], state: ThreadState | undefined): InterruptInfo | undefined {
  if (!interrupts.length) return undefined;
  const task = state?.tasks?.find((t) => (t.interrupts ?? []).length > 0)?.name ?? state?.next?.[0];
  const payload = interrupts.length === 1 ? interrupts[0].value : interrupts.map((i) => ({ id: i.id, value: i.value }));
  return { ...(task ? { type: task } : {}), payload };
}
