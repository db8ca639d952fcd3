/** Agent Protocol threads and runs, seeded deterministically; thread status follows its latest run. */
import { AgentRun, type AgentStatus } from '../common/agentSim';
import { iso } from '../common/clock';
import { HttpError } from '../common/errors';
import { hostileSuffix } from '../common/hostile';
import type { Prng } from '../common/prng';
import { AP_AGENTS, type ApAgent, type Json } from './agents';

export type StreamMode = 'values' | 'messages' | 'updates' | 'custom';
export const STREAM_MODES: readonly StreamMode[] = ['values', 'messages', 'updates', 'custom'];

export interface ApRun {
  run_id: string;
  thread_id?: string;
  agent: ApAgent;
  sim: AgentRun;
  /** Echoed create fields (input, config, webhook, on_completion, ...). */
  echo: Json;
  metadata: Json;
  modes: StreamMode[];
}

export interface ApThread {
  thread_id: string;
  createdAt: number;
  metadata: Json;
  runIds: string[];
}

export class ApStore {
  readonly runs = new Map<string, ApRun>();
  readonly threads = new Map<string, ApThread>();

  constructor(readonly rng: Prng) {}

  run(id: string): ApRun {
    const r = this.runs.get(id);
    if (!r) throw new HttpError(404, `Run ${id} not found`);
    return r;
  }

  thread(id: string): ApThread {
    const t = this.threads.get(id);
    if (!t) throw new HttpError(404, `Thread ${id} not found`);
    return t;
  }

  latestRun(t: ApThread): ApRun | undefined {
    for (let i = t.runIds.length - 1; i >= 0; i--) {
      const r = this.runs.get(t.runIds[i]);
      if (r) return r;
    }
    return undefined;
  }

  threadStatus(t: ApThread, now: number): 'idle' | 'busy' | 'interrupted' | 'error' {
    const s: AgentStatus | undefined = this.latestRun(t)?.sim.status(now);
    return s === 'pending' ? 'busy' : s === 'interrupted' ? 'interrupted' : s === 'error' || s === 'timeout' ? 'error' : 'idle';
  }

  threadJson(t: ApThread, now: number): Json {
    const last = this.latestRun(t);
    return {
      thread_id: t.thread_id,
      created_at: iso(t.createdAt),
      updated_at: iso(last ? last.sim.updatedAt(now) : t.createdAt),
      metadata: t.metadata,
      status: this.threadStatus(t, now),
      values: last ? last.sim.values(now) : {},
    };
  }

  add(r: ApRun): void {
    this.runs.set(r.run_id, r);
    if (r.thread_id) this.thread(r.thread_id).runIds.push(r.run_id);
  }

  remove(r: ApRun): void {
    this.runs.delete(r.run_id);
    if (r.thread_id) {
      const t = this.threads.get(r.thread_id);
      if (t) t.runIds = t.runIds.filter((x) => x !== r.run_id);
    }
  }
}

export function runJson(r: ApRun, now: number): Json {
  const out: Json = { run_id: r.run_id, agent_id: r.agent.id, created_at: iso(r.sim.createdAt), updated_at: iso(r.sim.updatedAt(now)), status: r.sim.status(now), metadata: r.metadata, stream_mode: r.modes, ...r.echo };
  if (r.thread_id) out.thread_id = r.thread_id;
  return out;
}

const TOPICS = ['weekly sales summary', 'incident postmortem draft', 'competitor pricing', 'paper: attention is all you need', 'hiring plan Q3', 'release notes v2.4'];

export function seed(store: ApStore, count: number, now: number, hostile: boolean): void {
  const rng = store.rng;
  let made = 0;
  let ti = 0;
  while (made < count) {
    const stateless = rng.chance(0.1);
    const n = stateless ? 1 : Math.min(count - made, rng.int(1, 4));
    let thread: ApThread | undefined;
    if (!stateless) {
      thread = { thread_id: rng.uuid(), createdAt: now - rng.int(86_400_000, 14 * 86_400_000) - ti * 120_000, metadata: { user: rng.pick(['ana', 'ben', 'chen', 'dara']), channel: rng.pick(['slack', 'web', 'api']) }, runIds: [] };
      store.threads.set(thread.thread_id, thread);
    }
    for (let k = 0; k < n; k++, made++) {
      const last = k === n - 1;
      const kind = last ? rng.weighted({ done: 10, interrupted: 3, running: 3 }) : 'done';
      const agent = kind === 'interrupted' ? AP_AGENTS[1] : kind === 'running' ? rng.pick([AP_AGENTS[0], AP_AGENTS[2]]) : rng.pick(AP_AGENTS);
      const pace = kind === 'running' ? rng.int(15, 60) : 1;
      const base = thread ? thread.createdAt + k * 3_600_000 : now - rng.int(3_600_000, 5 * 86_400_000);
      const createdAt = kind === 'running' ? now - rng.int(2_000, 20_000) : kind === 'interrupted' ? Math.min(base, now - 600_000) : Math.min(base, now - 600_000 - (n - k) * 60_000);
      const topic = `${rng.pick(TOPICS)}${hostile && made % 5 === 4 ? ` ${hostileSuffix(made)}` : ''}`;
      const sim = new AgentRun(agent.behaviour, { topic }, createdAt, rng.fork(`ap-${made}`), pace);
      // Older approver runs were answered long ago; only a thread's latest run may still wait.
      if (agent === AP_AGENTS[1] && kind === 'done') {
        const at = sim.nextChangeAt(createdAt);
        const t = createdAt + 60_000;
        if (at !== undefined && sim.status(t) === 'interrupted') sim.resume(t, { approved: rng.chance(0.8) });
      }
      const run: ApRun = { run_id: rng.uuid(), agent, sim, echo: { input: { topic }, on_completion: 'keep', on_disconnect: 'cancel', if_not_exists: 'reject' }, metadata: { source: 'sandbox-seed' }, modes: ['values', 'updates'] };
      if (thread) run.thread_id = thread.thread_id;
      store.add(run);
    }
    ti++;
  }
}
