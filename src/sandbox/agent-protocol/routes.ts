/**
 * Agent Protocol routes: seeds 003+004 (background runs, create-and-stream/wait, thread runs list, and the
 * PR #55 resume routes POST /runs/{id}/stream|wait) plus main's POST /runs/search, threads and agents.
 */
import { AgentRun } from '../common/agentSim';
import type { SimClock } from '../common/clock';
import type { Ctx } from '../common/context';
import { HttpError } from '../common/errors';
import { indexAfter, pump } from '../common/follow';
import { Router } from '../common/router';
import { UUID_RE } from '../common/schemaCheck';
import { SseWriter } from '../common/sse';
import { AP_AGENTS, agentJson, agentSchemas, type ApAgent, type Json } from './agents';
import { runJson, STREAM_MODES, type ApRun, type ApStore, type StreamMode } from './store';
import { waitJson, wireSnapshot } from './wire';

const ECHO_KEYS = ['input', 'messages', 'config', 'webhook', 'on_completion', 'on_disconnect', 'if_not_exists'];

export function apRouter(store: ApStore, clock: SimClock): Router {
  const r = new Router();
  const now = (): number => clock.now();
  const uuid = (v: string, what: string): string => {
    if (!UUID_RE.test(v)) throw new HttpError(422, `${what} "${v}" is not a valid UUID`);
    return v;
  };
  const run = (ctx: Ctx): ApRun => store.run(uuid(ctx.params.run_id, 'run_id'));
  const agent = (id: string): ApAgent => {
    const a = AP_AGENTS.find((x) => x.id === id);
    if (!a) throw new HttpError(404, `Agent ${id} not found`);
    return a;
  };
  const limits = (limit: unknown, offset: unknown): { limit: number; offset: number } => {
    const l = limit ?? 10;
    const o = offset ?? 0;
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 1 || l > 1000) throw new HttpError(422, 'limit must be an integer between 1 and 1000');
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw new HttpError(422, 'offset must be an integer >= 0');
    return { limit: l, offset: o };
  };
  const newestFirst = (a: ApRun, b: ApRun): number => b.sim.createdAt - a.sim.createdAt || (a.run_id < b.run_id ? -1 : 1);

  const create = (ctx: Ctx): ApRun => {
    const b = ctx.object(422);
    if (typeof b.agent_id !== 'string' || !b.agent_id) throw new HttpError(422, 'agent_id is required');
    const a = agent(b.agent_id);
    const modes = parseModes(b.stream_mode);
    for (const [k, allowed] of [['on_completion', ['delete', 'keep']], ['on_disconnect', ['cancel', 'continue']], ['if_not_exists', ['create', 'reject']]] as const) {
      if (b[k] !== undefined && !(allowed as readonly string[]).includes(String(b[k]))) throw new HttpError(422, `${k} must be one of ${allowed.join(', ')}`);
    }
    if (b.metadata !== undefined && (typeof b.metadata !== 'object' || b.metadata === null || Array.isArray(b.metadata))) throw new HttpError(422, 'metadata must be an object');
    let threadId: string | undefined;
    if (b.thread_id !== undefined) {
      threadId = uuid(String(b.thread_id), 'thread_id');
      const t = store.threads.get(threadId);
      if (!t) {
        if (b.if_not_exists !== 'create') throw new HttpError(404, `Thread ${threadId} not found (set if_not_exists to "create" to create it)`);
        store.threads.set(threadId, { thread_id: threadId, createdAt: now(), metadata: {}, runIds: [] });
      } else if (store.latestRun(t)?.sim.status(now()) === 'pending') throw new HttpError(409, `Thread ${threadId} is busy with another run`);
    }
    const input = b.input && typeof b.input === 'object' && !Array.isArray(b.input) ? (b.input as Json) : { topic: typeof b.input === 'string' ? b.input : undefined };
    const echo: Json = {};
    for (const k of ECHO_KEYS) if (b[k] !== undefined) echo[k] = b[k];
    const x: ApRun = { run_id: store.rng.uuid(), agent: a, sim: new AgentRun(a.behaviour, input, now(), store.rng.fork(String(store.runs.size))), echo, metadata: (b.metadata as Json | undefined) ?? {}, modes };
    if (threadId) x.thread_id = threadId;
    store.add(x);
    clock.wake();
    return x;
  };

  /** Streams from `from`; `cancelOnDisconnect` implements on_disconnect=cancel of create-and-stream. */
  const stream = async (ctx: Ctx, x: ApRun, from: number, cancelOnDisconnect: boolean): Promise<void> => {
    const w = new SseWriter(ctx, { 'content-location': `/runs/${x.run_id}` });
    const settled = await pump(w, clock, ctx.signal, (t) => wireSnapshot(x, t), from);
    w.end();
    if (!settled && cancelOnDisconnect && !clock.isClosed && x.sim.status(now()) === 'pending') {
      x.sim.cancel(now());
      clock.wake();
    }
  };
  const wait = async (ctx: Ctx, x: ApRun): Promise<void> => {
    while (x.sim.status(now()) === 'pending' && !ctx.signal.aborted && !clock.isClosed) await clock.sleep(x.sim.nextChangeAt(now()), undefined, ctx.signal);
    if (ctx.signal.aborted) return;
    ctx.send(200, waitJson(x, now(), runJson(x, now())));
  };
  const resume = (ctx: Ctx): { x: ApRun; from: number } => {
    const x = run(ctx);
    const b = ctx.object(422);
    const cmd = b.command as Json | undefined;
    if (!cmd || typeof cmd !== 'object' || !('resume' in cmd)) throw new HttpError(422, 'The body must be a RunUpdate with command.resume (command.update and command.goto are not supported here)');
    if (x.sim.status(now()) !== 'interrupted') throw new HttpError(409, `Run ${x.run_id} is ${x.sim.status(now())}, not interrupted: only an interrupted run can be resumed`);
    const from = wireSnapshot(x, now()).events.length;
    x.sim.resume(now(), cmd.resume);
    clock.wake();
    return { x, from };
  };

  r.add('POST', '/runs', (ctx) => ctx.send(200, runJson(create(ctx), now())));
  r.add('POST', '/runs/stream', async (ctx) => {
    const x = create(ctx);
    await stream(ctx, x, 0, x.echo.on_disconnect !== 'continue');
  });
  r.add('POST', '/runs/wait', async (ctx) => wait(ctx, create(ctx)));
  r.add('POST', '/runs/search', (ctx) => {
    const b = ctx.object(422);
    const { limit, offset } = limits(b.limit, b.offset);
    const statuses = ['pending', 'error', 'success', 'timeout', 'interrupted'];
    if (b.status !== undefined && !statuses.includes(String(b.status))) throw new HttpError(422, `status must be one of ${statuses.join(', ')}`);
    if (b.thread_id !== undefined) uuid(String(b.thread_id), 'thread_id');
    const meta = b.metadata as Json | undefined;
    const t = now();
    const list = [...store.runs.values()].filter((x) => (!b.thread_id || x.thread_id === b.thread_id) && (!b.agent_id || x.agent.id === b.agent_id) && (!b.status || x.sim.status(t) === b.status) && (!meta || Object.entries(meta).every(([k, v]) => JSON.stringify(x.metadata[k]) === JSON.stringify(v))));
    ctx.send(200, list.sort(newestFirst).slice(offset, offset + limit).map((x) => runJson(x, t)));
  });
  r.add('GET', '/runs/{run_id}', (ctx) => ctx.send(200, runJson(run(ctx), now())));
  r.add('DELETE', '/runs/{run_id}', (ctx) => {
    const x = run(ctx);
    if (x.sim.status(now()) === 'pending') throw new HttpError(409, `Run ${x.run_id} is pending: cancel it before deleting`);
    store.remove(x);
    ctx.empty(204);
  });
  r.add('POST', '/runs/{run_id}/cancel', (ctx) => {
    const x = run(ctx);
    const action = ctx.query.get('action') ?? 'interrupt';
    if (action !== 'interrupt' && action !== 'rollback') throw new HttpError(422, 'action must be "interrupt" or "rollback"');
    const wq = ctx.query.get('wait');
    if (wq !== null && !/^(true|false|1|0)$/i.test(wq)) throw new HttpError(422, 'wait must be a boolean');
    const s = x.sim.status(now());
    if (s !== 'pending' && s !== 'interrupted') throw new HttpError(409, `Run ${x.run_id} is already ${s}: only pending or interrupted runs can be cancelled`);
    x.sim.cancel(now());
    if (action === 'rollback') store.remove(x);
    clock.wake();
    ctx.empty(204);
  });
  r.add('GET', '/runs/{run_id}/stream', async (ctx) => {
    const x = run(ctx);
    const snap = wireSnapshot(x, now());
    const lastId = ctx.header('last-event-id');
    if (lastId !== undefined) return stream(ctx, x, indexAfter(snap.events, lastId), false);
    // Joining: the latest metadata event (its own id), then only what happens from now on.
    const w = new SseWriter(ctx, { 'content-location': `/runs/${x.run_id}` });
    const meta = [...snap.events].reverse().find((e) => e.event === 'metadata');
    if (meta) w.send(meta);
    await pump(w, clock, ctx.signal, (t) => wireSnapshot(x, t), snap.events.length);
    w.end();
  });
  r.add('GET', '/runs/{run_id}/wait', async (ctx) => wait(ctx, run(ctx)));
  r.add('POST', '/runs/{run_id}/stream', async (ctx) => {
    const { x, from } = resume(ctx);
    await stream(ctx, x, from, false);
  });
  r.add('POST', '/runs/{run_id}/wait', async (ctx) => wait(ctx, resume(ctx).x));

  addThreadRoutes(r, store, now, uuid, limits, newestFirst);
  r.add('POST', '/agents/search', (ctx) => {
    const b = ctx.object(422);
    const { limit, offset } = limits(b.limit, b.offset);
    ctx.send(200, AP_AGENTS.filter((a) => !b.name || a.id === b.name || a.behaviour.name === b.name).slice(offset, offset + limit).map(agentJson));
  });
  r.add('GET', '/agents/{agent_id}', (ctx) => ctx.send(200, agentJson(agent(ctx.params.agent_id))));
  r.add('GET', '/agents/{agent_id}/schemas', (ctx) => ctx.send(200, agentSchemas(agent(ctx.params.agent_id))));
  return r;
}

function parseModes(v: unknown): StreamMode[] {
  if (v === undefined) return ['values'];
  const list = Array.isArray(v) ? v : [v];
  for (const m of list) if (!STREAM_MODES.includes(m as StreamMode)) throw new HttpError(422, `stream_mode must be one of ${STREAM_MODES.join(', ')} (or an array of them), got ${JSON.stringify(m)}`);
  return list.length ? (list as StreamMode[]) : ['values'];
}

function addThreadRoutes(
  r: Router, store: ApStore, now: () => number, uuid: (v: string, w: string) => string,
  limits: (l: unknown, o: unknown) => { limit: number; offset: number }, newestFirst: (a: ApRun, b: ApRun) => number,
): void {
  r.add('GET', '/threads/{thread_id}/runs', (ctx) => {
    const t = store.thread(uuid(ctx.params.thread_id, 'thread_id'));
    const { limit, offset } = limits(ctx.intParam('limit', 10, 422), ctx.intParam('offset', 0, 422));
    const list = t.runIds.map((id) => store.runs.get(id)).filter((x): x is ApRun => !!x).sort(newestFirst);
    ctx.send(200, list.slice(offset, offset + limit).map((x) => runJson(x, now())));
  });
  r.add('POST', '/threads', (ctx) => {
    const b = ctx.object(422);
    const id = b.thread_id === undefined ? store.rng.uuid() : uuid(String(b.thread_id), 'thread_id');
    const existing = store.threads.get(id);
    if (existing) {
      if (b.if_exists === 'do_nothing') return ctx.send(200, store.threadJson(existing, now()));
      throw new HttpError(409, `Thread ${id} already exists`);
    }
    const t = { thread_id: id, createdAt: now(), metadata: (b.metadata as Json | undefined) ?? {}, runIds: [] };
    store.threads.set(id, t);
    ctx.send(200, store.threadJson(t, now()));
  });
  r.add('POST', '/threads/search', (ctx) => {
    const b = ctx.object(422);
    const { limit, offset } = limits(b.limit, b.offset);
    const meta = b.metadata as Json | undefined;
    const list = [...store.threads.values()]
      .filter((t) => (!b.status || store.threadStatus(t, now()) === b.status) && (!meta || Object.entries(meta).every(([k, v]) => JSON.stringify(t.metadata[k]) === JSON.stringify(v))))
      .sort((a, c) => (store.latestRun(c)?.sim.updatedAt(now()) ?? c.createdAt) - (store.latestRun(a)?.sim.updatedAt(now()) ?? a.createdAt));
    ctx.send(200, list.slice(offset, offset + limit).map((t) => store.threadJson(t, now())));
  });
  r.add('GET', '/threads/{thread_id}', (ctx) => ctx.send(200, store.threadJson(store.thread(uuid(ctx.params.thread_id, 'thread_id')), now())));
  r.add('DELETE', '/threads/{thread_id}', (ctx) => {
    const t = store.thread(uuid(ctx.params.thread_id, 'thread_id'));
    for (const id of t.runIds) store.runs.get(id)?.sim.cancel(now());
    for (const id of t.runIds) store.runs.delete(id);
    store.threads.delete(t.thread_id);
    ctx.empty(204);
  });
}
