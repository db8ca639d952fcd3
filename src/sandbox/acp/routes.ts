/** ACP v0.1 routes (seed 002) plus agent search/get/descriptor. Errors are plain JSON strings. */
import { AgentRun, type SimEvent } from '../common/agentSim';
import type { SimClock } from '../common/clock';
import { HttpError } from '../common/errors';
import { indexAfter, pump, type WireSnapshot } from '../common/follow';
import type { Prng } from '../common/prng';
import { Router } from '../common/router';
import { SchemaCheck, UUID_RE } from '../common/schemaCheck';
import { SseWriter, type SseEvent } from '../common/sse';
import { ACP_AGENTS, agentJson, APPROVAL_RESUME_SCHEMA, CONFIG_SCHEMA, descriptor, type AcpAgent, type Json } from './agents';
import { runJson, type AcpRun } from './store';

const RUN_CREATE_KEYS = new Set(['agent_id', 'thread_id', 'input', 'metadata', 'config', 'webhook', 'streaming']);

export function acpRouter(runs: Map<string, AcpRun>, clock: SimClock, rng: Prng): Router {
  const r = new Router();
  const schemas = new SchemaCheck();
  const now = (): number => clock.now();
  const uuid = (v: string, what: string): string => {
    if (!UUID_RE.test(v)) throw new HttpError(422, `${what} "${v}" is not a valid UUID`);
    return v;
  };
  const agent = (id: string): AcpAgent => {
    const a = ACP_AGENTS.find((x) => x.id === uuid(id, 'agent_id'));
    if (!a) throw new HttpError(404, `Agent ${id} not found`);
    return a;
  };
  const run = (id: string): AcpRun => {
    const x = runs.get(uuid(id, 'run_id'));
    if (!x) throw new HttpError(404, `Run ${id} not found`);
    return x;
  };
  const limits = (b: Json): { limit: number; offset: number } => {
    const limit = b.limit ?? 10;
    const offset = b.offset ?? 0;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(422, 'limit must be an integer between 1 and 1000');
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new HttpError(422, 'offset must be an integer >= 0');
    return { limit, offset };
  };

  r.add('POST', '/agents/search', (ctx) => {
    const b = ctx.object(422);
    const { limit, offset } = limits(b);
    const list = ACP_AGENTS.filter((a) => (b.name === undefined || a.name === b.name) && (b.version === undefined || a.version === b.version));
    ctx.send(200, list.slice(offset, offset + limit).map(agentJson));
  });
  r.add('GET', '/agents/{agent_id}', (ctx) => ctx.send(200, agentJson(agent(ctx.params.agent_id))));
  r.add('GET', '/agents/{agent_id}/descriptor', (ctx) => ctx.send(200, descriptor(agent(ctx.params.agent_id))));

  r.add('POST', '/runs', (ctx) => {
    const b = ctx.object(422);
    if (typeof b.agent_id !== 'string') throw new HttpError(422, 'agent_id is required');
    const a = agent(b.agent_id);
    const unknown = Object.keys(b).filter((k) => !RUN_CREATE_KEYS.has(k));
    if (unknown.length) throw new HttpError(422, `Unknown RunCreate fields: ${unknown.join(', ')}`);
    if (b.streaming !== undefined && b.streaming !== 'result' && b.streaming !== 'custom') throw new HttpError(422, 'streaming must be "result" or "custom"');
    if (b.thread_id !== undefined && (typeof b.thread_id !== 'string' || !UUID_RE.test(b.thread_id))) throw new HttpError(422, 'thread_id must be a UUID');
    for (const k of ['metadata', 'config'] as const) if (b[k] !== undefined && (typeof b[k] !== 'object' || b[k] === null || Array.isArray(b[k]))) throw new HttpError(422, `${k} must be an object`);
    const input = b.input ?? {};
    const bad = schemas.check(a.input, input, 'input') ?? (b.config !== undefined ? schemas.check(CONFIG_SCHEMA, b.config, 'config') : undefined);
    if (bad) throw new HttpError(422, bad);
    const x: AcpRun = { run_id: rng.uuid(), agent: a, sim: new AgentRun(a.behaviour, input as Json, now(), rng.fork(String(runs.size))), creation: b };
    if (typeof b.thread_id === 'string') x.thread_id = b.thread_id;
    runs.set(x.run_id, x);
    clock.wake();
    ctx.send(200, runJson(x, now()));
  });

  r.add('GET', '/runs/{run_id}', (ctx) => ctx.send(200, runJson(run(ctx.params.run_id), now())));

  r.add('DELETE', '/runs/{run_id}', (ctx) => {
    const x = run(ctx.params.run_id);
    if (x.sim.status(now()) === 'pending' || x.sim.status(now()) === 'interrupted') x.sim.cancel(now());
    runs.delete(x.run_id);
    clock.wake();
    ctx.send(200, runJson(x, now()));
  });

  r.add('POST', '/runs/{run_id}', (ctx) => {
    const x = run(ctx.params.run_id);
    const intr = x.sim.interrupt(now());
    if (!intr) throw new HttpError(409, `Run ${x.run_id} is ${x.sim.status(now())}, not interrupted: only interrupted runs can be resumed`);
    const body = ctx.json(undefined, 422);
    const bad = schemas.check(APPROVAL_RESUME_SCHEMA, body, `The resume payload for interrupt "${intr.interruptType}"`);
    if (bad) throw new HttpError(422, bad);
    x.sim.resume(now(), body);
    clock.wake();
    ctx.send(200, runJson(x, now()));
  });

  r.add('GET', '/runs/{run_id}/output', async (ctx) => {
    const x = run(ctx.params.run_id);
    const timeout = ctx.intParam('block_timeout', 0, 422);
    if (timeout < 0) throw new HttpError(422, 'block_timeout must be >= 0');
    const deadline = Date.now() + timeout * 1000;
    while (x.sim.status(now()) === 'pending' && Date.now() < deadline && !ctx.signal.aborted && !clock.isClosed) {
      await clock.sleep(x.sim.nextChangeAt(now()), deadline - Date.now(), ctx.signal);
    }
    if (ctx.signal.aborted) return;
    const out = output(x, now());
    return out ? ctx.send(200, out) : ctx.empty(204);
  });

  r.add('GET', '/runs/{run_id}/stream', async (ctx) => {
    const x = run(ctx.params.run_id);
    const mode = x.creation.streaming;
    if (mode !== 'result' && mode !== 'custom') return ctx.empty(204);
    const snapshot = (t: number): WireSnapshot => streamSnapshot(x, t, mode);
    const first = snapshot(now());
    const lastId = ctx.header('last-event-id');
    // Joining without Last-Event-ID: the latest event as a snapshot, then live ones. Nothing to stream: 204.
    let from = lastId !== undefined ? indexAfter(first.events, lastId) : Math.max(0, first.events.length - 1);
    if (first.settled && (lastId === undefined || from >= first.events.length)) return ctx.empty(204);
    if (lastId === undefined && first.events.length === 0) from = 0;
    const w = new SseWriter(ctx);
    await pump(w, clock, ctx.signal, snapshot, from);
    w.end();
  });

  r.add('POST', '/runs/search', (ctx) => {
    const b = ctx.object(422);
    const { limit, offset } = limits(b);
    if (b.agent_id !== undefined && (typeof b.agent_id !== 'string' || !UUID_RE.test(b.agent_id))) throw new HttpError(422, 'agent_id must be a UUID');
    const statuses = ['pending', 'error', 'success', 'timeout', 'interrupted'];
    if (b.status !== undefined && !statuses.includes(String(b.status))) throw new HttpError(422, `status must be one of ${statuses.join(', ')}`);
    const meta = b.metadata as Json | undefined;
    const t = now();
    const list = [...runs.values()]
      .filter((x) => (!b.agent_id || x.agent.id === b.agent_id) && (!b.status || x.sim.status(t) === b.status) && (!meta || matchesMeta(x.creation.metadata as Json | undefined, meta)))
      .sort((p, q) => q.sim.createdAt - p.sim.createdAt || (p.run_id < q.run_id ? -1 : 1));
    ctx.send(200, list.slice(offset, offset + limit).map((x) => runJson(x, t)));
  });
  return r;
}

function matchesMeta(have: Json | undefined, want: Json): boolean {
  return Object.entries(want).every(([k, v]) => JSON.stringify(have?.[k]) === JSON.stringify(v));
}

/** RunOutput for a settled run; undefined while pending (-> 204). */
function output(x: AcpRun, now: number): Json | undefined {
  const s = x.sim.status(now);
  if (s === 'pending') return undefined;
  if (s === 'interrupted') {
    const i = x.sim.interrupt(now);
    return { type: 'interrupt', interrupt: { interrupt_type: i?.interruptType, ...(i?.payload ?? {}) } };
  }
  if (s === 'success') return { type: 'result', run_id: x.run_id, status: s, result: x.sim.values(now) };
  const evs = x.sim.events(now);
  const last = evs[evs.length - 1];
  const desc = last?.type === 'error' ? `${last.errorName}: ${last.message}` : 'The run exceeded its time limit';
  return { type: 'error', run_id: x.run_id, errcode: last?.type === 'error' ? last.code : 504, description: desc };
}

function streamSnapshot(x: AcpRun, now: number, mode: 'result' | 'custom'): WireSnapshot {
  const evs = x.sim.events(now);
  const status = x.sim.status(now);
  const events: SseEvent[] = evs.filter((e) => e.type !== 'start').map((e) => ({ id: String(e.seq), event: 'agent_event', data: eventData(x, e, mode) }));
  return { events, settled: status !== 'pending', nextAt: x.sim.nextChangeAt(now) };
}

function eventData(x: AcpRun, e: SimEvent, mode: 'result' | 'custom'): Json {
  const status = e.type === 'step' ? 'pending' : e.type === 'interrupt' ? 'interrupted' : e.type === 'start' ? 'pending' : e.type;
  const values = 'values' in e ? e.values : {};
  if (mode === 'result') return { type: 'result', run_id: x.run_id, status, result: values };
  const update = e.type === 'step' ? e.step.custom ?? { stage: e.step.node } : { stage: status };
  return { type: 'custom', run_id: x.run_id, status, update };
}

