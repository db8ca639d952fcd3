/**
 * A simulated KFP run: a schedule of task executions per attempt (the first run, then one per retry),
 * from which states, histories and task lists are computed for any `now`.
 */
import type { Prng } from '../common/prng';
import type { PipelineTemplate, TaskTemplate } from './pipelines';

export type RunState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'SKIPPED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'PAUSED';
export type ExecOutcome = 'SUCCEEDED' | 'FAILED' | 'CACHED';
/** Task state at a given time, before mapping to the two wire enums. */
export type TaskPhase = 'RUNNING' | ExecOutcome | 'CANCELED';

export interface TaskExec {
  key: string;
  startAt: number;
  endAt: number;
  outcome: ExecOutcome;
}

export interface Attempt {
  startAt: number;
  execs: Map<string, TaskExec>;
  endAt: number;
  outcome: 'SUCCEEDED' | 'FAILED';
  terminatedAt?: number;
}

export const ROOT_KEY = '__root__';
/** CANCELING lasts this long before CANCELED (simulated ms). */
export const CANCEL_MS = 2_000;

export interface KfpRun {
  run_id: string;
  display_name: string;
  description: string;
  experiment_id: string;
  pipeline: PipelineTemplate;
  /** The create body's pipeline_spec, echoed back when the run was created from one. */
  pipelineSpec?: Record<string, unknown>;
  parameters: Record<string, unknown>;
  service_account: string;
  recurring_run_id?: string;
  createdAt: number;
  storage_state: 'AVAILABLE' | 'ARCHIVED';
  attempts: Attempt[];
  taskIds: Record<string, string>;
  podPrefix: string;
  contextId: number;
  /** PATCHes of simulated tasks, merged over the computed task. */
  overrides: Map<string, Record<string, unknown>>;
  /** Scale of task durations (seeded runs are slower than created ones). */
  scale: number;
}

export interface TaskView {
  key: string;
  template: TaskTemplate | undefined;
  exec: TaskExec;
  /** All executions of this task visible at `now`, oldest first (retries add some). */
  history: { exec: TaskExec; end: number | undefined; phase: TaskPhase }[];
  phase: TaskPhase;
  /** End time when finished at `now`. */
  end: number | undefined;
}

export interface ScheduleOptions {
  /** Runtime task that fails in this attempt. */
  failKey?: string;
  /** Tasks served from cache in this attempt. */
  cached?: Set<string>;
  /** Executions kept from the previous attempt (retry keeps what succeeded). */
  keep?: Map<string, TaskExec>;
}

/** Lays out one attempt: topological order, gaps of a second or two, DAGs spanning their children. */
export function schedule(p: PipelineTemplate, startAt: number, rng: Prng, scale: number, o: ScheduleOptions = {}): Attempt {
  const execs = new Map<string, TaskExec>();
  const failed = new Set<string>();
  const group = (parent: string | undefined, groupStart: number): number => {
    let end = groupStart;
    for (const t of p.tasks.filter((x) => x.parent === parent)) {
      if (t.deps.some((d) => failed.has(d) || !execs.has(d))) continue;
      const ready = Math.max(groupStart, ...t.deps.map((d) => execs.get(d)?.endAt ?? groupStart));
      const kept = o.keep?.get(t.key);
      let exec: TaskExec;
      if (kept && kept.outcome !== 'FAILED' && t.type === 'RUNTIME') exec = kept;
      else {
        const start = ready + rng.int(500, 2500);
        if (t.type !== 'RUNTIME') {
          const childEnd = group(t.key, start);
          const childFailed = p.tasks.some((c) => c.parent === t.key && failed.has(c.key));
          exec = { key: t.key, startAt: start, endAt: childEnd + 500, outcome: childFailed ? 'FAILED' : 'SUCCEEDED' };
        } else if (o.cached?.has(t.key)) exec = { key: t.key, startAt: start, endAt: start + rng.int(800, 2000), outcome: 'CACHED' };
        else {
          const dur = Math.round(t.seconds * 1000 * scale * (0.7 + rng.next() * 0.6));
          exec = { key: t.key, startAt: start, endAt: start + dur, outcome: o.failKey === t.key ? 'FAILED' : 'SUCCEEDED' };
        }
      }
      execs.set(t.key, exec);
      if (exec.outcome === 'FAILED') failed.add(t.key);
      end = Math.max(end, exec.endAt);
    }
    return end;
  };
  const end = group(undefined, startAt);
  const anyFailed = failed.size > 0;
  execs.set(ROOT_KEY, { key: ROOT_KEY, startAt, endAt: end + 500, outcome: anyFailed ? 'FAILED' : 'SUCCEEDED' });
  return { startAt, execs, endAt: end + 1500, outcome: anyFailed ? 'FAILED' : 'SUCCEEDED' };
}

/** Run state history at `now` (PENDING, RUNNING, terminal; CANCELING/CANCELED after terminate). */
export function runHistory(run: KfpRun, now: number): { state: RunState; at: number }[] {
  const h: { state: RunState; at: number }[] = [{ state: 'PENDING', at: run.createdAt }];
  for (const a of run.attempts) {
    if (a.startAt > now) break;
    h.push({ state: 'RUNNING', at: a.startAt });
    if (a.terminatedAt !== undefined && a.terminatedAt < a.endAt) {
      if (a.terminatedAt <= now) h.push({ state: 'CANCELING', at: a.terminatedAt });
      if (a.terminatedAt + CANCEL_MS <= now) h.push({ state: 'CANCELED', at: a.terminatedAt + CANCEL_MS });
    } else if (a.endAt <= now) h.push({ state: a.outcome, at: a.endAt });
  }
  return h.filter((x) => x.at <= now);
}

export function runState(run: KfpRun, now: number): RunState {
  const h = runHistory(run, now);
  return h[h.length - 1].state;
}

export const TERMINAL: ReadonlySet<RunState> = new Set(['SUCCEEDED', 'SKIPPED', 'FAILED', 'CANCELED']);

/** Phase of one execution at `now` within its attempt (cut at terminate time). */
function execPhase(e: TaskExec, a: Attempt, now: number): { phase: TaskPhase; end: number | undefined } | undefined {
  const t = a.terminatedAt;
  if (e.startAt > now || (t !== undefined && e.startAt > t)) return undefined;
  if (t !== undefined && e.endAt > t) return t <= now ? { phase: 'CANCELED', end: t } : { phase: 'RUNNING', end: undefined };
  return e.endAt <= now ? { phase: e.outcome, end: e.endAt } : { phase: 'RUNNING', end: undefined };
}

/** The tasks that exist at `now` (KFP creates a task when its driver starts), in schedule order. */
export function taskViews(run: KfpRun, now: number): TaskView[] {
  const byKey = new Map<string, TaskView>();
  for (const a of run.attempts) {
    if (a.startAt > now) break;
    for (const e of a.execs.values()) {
      const ph = execPhase(e, a, now);
      if (!ph) continue;
      const v = byKey.get(e.key);
      const entry = { exec: e, ...ph };
      if (!v) byKey.set(e.key, { key: e.key, template: run.pipeline.tasks.find((t) => t.key === e.key), exec: e, history: [entry], ...ph });
      else if (v.exec !== e) Object.assign(v, { exec: e, history: [...v.history, entry], ...ph });
    }
  }
  return [...byKey.values()].sort((x, y) => x.history[0].exec.startAt - y.history[0].exec.startAt);
}

export function finishedAt(run: KfpRun, now: number): number | undefined {
  const h = runHistory(run, now);
  const last = h[h.length - 1];
  return TERMINAL.has(last.state) ? last.at : undefined;
}
