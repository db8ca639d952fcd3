import { requiredId, type BackendNode, type Run as CoreRun } from '../../core';
import { apCapabilities, apRunState, apThreadState, type ServerAbilities } from './status';
import type { Run, Thread } from './wire';

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The agent of a run: the spec's `agent_id`, or LangGraph's `assistant_id`. */
export function runAgent(run: Run): string | undefined {
  return str(run.agent_id) ?? str(run['assistant_id']);
}

/** Runs have no name: `metadata.name` when set, else the agent and a short id. */
export function runName(run: Run): string {
  const named = str(run.metadata?.['name']);
  if (named) return named;
  const agent = runAgent(run);
  return agent ? `${agent} ${shortId(run.run_id)}` : `run ${shortId(run.run_id)}`;
}

export function toRun(backendId: string, run: Run, server: ServerAbilities): CoreRun {
  requiredId(run.run_id, 'run_id', 'The Agent Protocol server');
  const state = apRunState(run.status);
  const active = state.status === 'running' || state.status === 'queued' || state.status === 'needs-input';
  const finished = active ? undefined : date(run.updated_at);
  const agentId = runAgent(run);
  const message = state.status === 'unknown' && run.status ? `unknown status "${run.status}"` : undefined;
  return {
    backendId,
    runId: run.run_id,
    ...(str(run.thread_id) ? { threadId: run.thread_id } : {}),
    kind: 'agent-protocol',
    name: runName(run),
    state,
    createdAt: date(run.created_at),
    ...(finished ? { finishedAt: finished } : {}),
    capabilities: apCapabilities(state, server),
    ...(agentId ? { agentId } : {}),
    ...(message ? { message } : {}),
    raw: run,
  };
}

export function runNode(run: CoreRun): BackendNode {
  const where = run.threadId ? `thread ${shortId(run.threadId)}` : undefined;
  return { type: 'run', key: `run:${run.runId}`, label: run.name, ...(where ? { description: where } : {}), expandable: false, run };
}

export function threadNode(thread: Thread): BackendNode {
  const state = apThreadState(thread.status);
  const named = str(thread.metadata?.['name']);
  return {
    type: 'thread',
    key: `thread:${thread.thread_id}`,
    label: named ?? `thread ${shortId(thread.thread_id)}`,
    description: thread.status,
    expandable: true,
    state,
    icon: 'comment-discussion',
    scope: { threadId: thread.thread_id },
  };
}

/**
 * The interrupt carried by an output event or a wait/thread value: LangGraph-style `__interrupt__:
 * [{id, value}]` (one -> its value, several -> the list), an `interrupt` field, or the data of an event
 * named after interrupts.
 */
export function findInterrupt(type: string | undefined, data: unknown): unknown {
  if (type && /interrupt/i.test(type) && data !== undefined) return unwrapInterrupts(data);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const o = data as Record<string, unknown>;
  if (o['__interrupt__'] !== undefined) return unwrapInterrupts(o['__interrupt__']);
  if (o['interrupt'] !== undefined) return o['interrupt'];
  for (const v of Object.values(o)) {
    // `updates` events nest the interrupt under the node name in some servers.
    if (v && typeof v === 'object' && !Array.isArray(v) && (v as Record<string, unknown>)['__interrupt__'] !== undefined) {
      return unwrapInterrupts((v as Record<string, unknown>)['__interrupt__']);
    }
  }
  return undefined;
}

function unwrapInterrupts(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const values = value.map((i) => (i && typeof i === 'object' && 'value' in (i as object) ? (i as Record<string, unknown>)['value'] : i));
  return values.length === 1 ? values[0] : values;
}
