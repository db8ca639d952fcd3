/** ICA v1 routes: task runs (seed 001), task versions + launch, and the console's POST /v1/tokens. */
import type { Ctx } from '../common/context';
import type { SimClock } from '../common/clock';
import { HttpError } from '../common/errors';
import { decodeToken, encodeToken } from '../common/paging';
import type { Prng } from '../common/prng';
import { Router } from '../common/router';
import type { IcaAuth } from './auth';
import { full, makeRun, statusAt, summary, versionSummary, type IcaRun, type IcaTaskVersion, type Json } from './model';

export interface IcaData {
  runs: Map<string, IcaRun>;
  versions: IcaTaskVersion[];
  rng: Prng;
}

const SORT_FIELDS: Record<string, (r: IcaRun, now: number) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  status: (r, now) => statusAt(r, now).status,
  timeCreated: (r) => r.createdAt,
  timeModified: (r, now) => statusAt(r, now).since,
};

/** ICA paging: offset tokens, with first/next/prev/last tokens and totals. */
function paged<T>(ctx: Ctx, items: T[], query: string): { page: T[]; meta: Json } {
  const size = ctx.intParam('pageSize', 10);
  if (size < 1 || size > 1000) throw new HttpError(400, `pageSize must be between 1 and 1000, got ${size}`);
  const tok = ctx.query.get('pageToken');
  let offset = 0;
  if (tok) {
    const t = decodeToken<{ o: number; q: string }>(tok);
    if (t.q !== query || typeof t.o !== 'number') throw new HttpError(400, 'Invalid pageToken for this query');
    offset = t.o;
  }
  const at = (o: number): string => encodeToken({ o, q: query });
  const total = items.length;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / size) * size;
  const page = items.slice(offset, offset + size);
  const meta: Json = { itemCount: page.length, firstPageToken: at(0), lastPageToken: at(lastOffset), totalItemCount: total, totalPageCount: Math.ceil(total / size) };
  if (offset + size < total) meta.nextPageToken = at(offset + size);
  if (offset > 0) meta.prevPageToken = at(Math.max(0, offset - size));
  return { page, meta };
}

export function icaRouter(data: IcaData, clock: SimClock, auth: IcaAuth): Router {
  const r = new Router();
  const now = (): number => clock.now();
  const get = (id: string): IcaRun => {
    const run = data.runs.get(id);
    if (!run) throw new HttpError(404, `Task run ${id} not found`);
    return run;
  };

  r.add('POST', '/v1/tokens', (ctx) => {
    const key = ctx.header('x-api-key') ?? ctx.query.get('api_key') ?? undefined;
    if (!key) throw new HttpError(401, 'An API key is required (X-API-Key header)');
    if (key !== auth.apiKey) throw new HttpError(401, 'Invalid API key');
    ctx.send(201, { access_token: auth.issue(), token_type: 'Bearer' });
  });

  r.add('GET', '/v1/tasks/runs', (ctx) => {
    const n = now();
    let runs = [...data.runs.values()];
    const names = ctx.query.get('names');
    if (names) {
      const set = new Set(names.split(',').map((s) => s.trim()).filter(Boolean));
      runs = runs.filter((x) => set.has(x.name));
    }
    const status = ctx.query.get('status');
    if (status) {
      const set = new Set(status.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
      runs = runs.filter((x) => set.has(statusAt(x, n).status.toLowerCase()));
    }
    const versions = ctx.query.get('versions');
    if (versions) {
      const set = new Set(versions.split(',').map((s) => s.trim()));
      runs = runs.filter((x) => x.version && (set.has(x.version.id) || set.has(x.version.version)));
    }
    const sortRaw = (ctx.query.get('sort') ?? '').trim() || 'timeCreated desc';
    const [field, dir, ...rest] = sortRaw.split(/\s+/);
    const key = SORT_FIELDS[field];
    if (!key || rest.length || (dir && !/^(asc|desc)$/i.test(dir))) throw new HttpError(400, `Invalid sort "${sortRaw}": valid fields are name, status, timeCreated, timeModified, optionally followed by asc or desc`);
    const sign = /^desc$/i.test(dir ?? '') ? -1 : 1;
    runs.sort((a, b) => {
      const ka = key(a, n);
      const kb = key(b, n);
      return (ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1) * sign;
    });
    const { page, meta } = paged(ctx, runs, `${sortRaw}|${names ?? ''}|${status ?? ''}|${versions ?? ''}`);
    ctx.send(200, { items: page.map((x) => summary(x, n, ctx.baseUrl)), ...meta });
  });

  r.add('POST', '/v1/tasks/runs', (ctx) => {
    const b = ctx.object();
    const exec = b.execution as Json | undefined;
    const image = exec?.image as Json | undefined;
    if (exec && (!image || typeof image.name !== 'string' || !image.name)) throw new HttpError(400, 'execution.image.name is required');
    const name = typeof b.name === 'string' && b.name ? b.name : `task-run-${data.rng.hex(6)}`;
    const run = makeRun(data.rng, name, now(), 3_000, 20_000, 'Completed', undefined, 'sandbox-user@example.org', exec ? { retryLimit: 3, retryCount: 0, ...exec } : undefined);
    run.attempts.splice(1);
    run.attempts[0].ok = true;
    if (typeof b.description === 'string') run.description = b.description;
    if (Array.isArray(b.acl)) run.acl = b.acl.map(String);
    data.runs.set(run.id, run);
    clock.wake();
    ctx.send(201, full(run, now(), ctx.baseUrl));
  });

  r.add('GET', '/v1/tasks/runs/{runId}', (ctx) => ctx.send(200, full(get(ctx.params.runId), now(), ctx.baseUrl)));

  // The spec says PUT; some ICA deployments answer POST too, so both are served (clients try PUT first).
  const abort = (ctx: Ctx): void => {
    const run = get(ctx.params.runId);
    const s = statusAt(run, now()).status;
    if (s !== 'Pending' && s !== 'Running') throw new HttpError(400, `Task run ${run.id} cannot be aborted: its status is "${s}" (it must be Pending or Running)`);
    run.abortedAt = now();
    clock.wake();
    ctx.send(200, summary(run, now(), ctx.baseUrl));
  };
  r.add('PUT', '/v1/tasks/runs/{runId}:abort', abort);
  r.add('POST', '/v1/tasks/runs/{runId}:abort', abort);

  r.add('POST', '/v1/tasks/runs/{runId}:heartbeat', (ctx) => {
    const run = get(ctx.params.runId);
    ctx.object();
    const s = statusAt(run, now()).status;
    if (s !== 'Running' && s !== 'Pending') throw new HttpError(400, `Task run ${run.id} has ended (status "${s}"): no heartbeat expected`);
    ctx.send(200, { jwt: auth.issue() });
  });

  addTaskRoutes(r, data, now);
  return r;
}

/** Tasks and versions, for "launch a task version" in the Create Run form. */
function addTaskRoutes(r: Router, data: IcaData, now: () => number): void {
  const tasks = (): { id: string; name: string; versions: IcaTaskVersion[] }[] => {
    const m = new Map<string, { id: string; name: string; versions: IcaTaskVersion[] }>();
    for (const v of data.versions) {
      const t = m.get(v.taskId) ?? { id: v.taskId, name: v.taskName, versions: [] };
      t.versions.push(v);
      m.set(v.taskId, t);
    }
    return [...m.values()];
  };
  const taskSummary = (t: { id: string; name: string; versions: IcaTaskVersion[] }, base: string): Json => ({
    ...versionSummary(t.versions[0], base), id: t.id, href: `${base}v1/tasks/${t.id}`, urn: `urn:ilmn:ica:task:${t.id}#${t.name}`, name: t.name, description: `${t.name} task`, version: undefined,
  });
  const version = (taskId: string, versionId: string): IcaTaskVersion => {
    const v = data.versions.find((x) => x.taskId === taskId && x.id === versionId);
    if (!v) throw new HttpError(404, `Task version ${versionId} of task ${taskId} not found`);
    return v;
  };
  r.add('GET', '/v1/tasks', (ctx) => {
    const { page, meta } = paged(ctx, tasks(), 'tasks');
    ctx.send(200, { items: page.map((t) => taskSummary(t, ctx.baseUrl)), ...meta });
  });
  r.add('GET', '/v1/tasks/{taskId}', (ctx) => {
    const t = tasks().find((x) => x.id === ctx.params.taskId);
    if (!t) throw new HttpError(404, `Task ${ctx.params.taskId} not found`);
    ctx.send(200, taskSummary(t, ctx.baseUrl));
  });
  r.add('GET', '/v1/tasks/{taskId}/versions', (ctx) => {
    const vs = data.versions.filter((v) => v.taskId === ctx.params.taskId);
    if (!vs.length) throw new HttpError(404, `Task ${ctx.params.taskId} not found`);
    const { page, meta } = paged(ctx, vs, `versions|${ctx.params.taskId}`);
    ctx.send(200, { items: page.map((v) => versionSummary(v, ctx.baseUrl)), ...meta });
  });
  r.add('GET', '/v1/tasks/{taskId}/versions/{versionId}', (ctx) => {
    const v = version(ctx.params.taskId, ctx.params.versionId);
    ctx.send(200, { ...versionSummary(v, ctx.baseUrl), execution: { image: { name: v.image, tag: v.version }, command: v.command, args: v.args } });
  });
  r.add('POST', '/v1/tasks/{taskId}/versions/{versionId}:launch', (ctx) => {
    const v = version(ctx.params.taskId, ctx.params.versionId);
    const b = ctx.object();
    const args = (b.arguments ?? {}) as Record<string, unknown>;
    const name = typeof b.name === 'string' && b.name ? b.name : `${v.taskName}-${v.version}`;
    const run = makeRun(data.rng, name, now(), 3_000, 25_000, 'Completed', v, 'sandbox-user@example.org');
    run.attempts.splice(1);
    run.attempts[0].ok = true;
    run.execution = { ...run.execution, args: v.args.map((a) => a.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(args[k] ?? ''))), environment: { variables: Object.fromEntries(Object.entries(args).map(([k, x]) => [k, String(x)])) } };
    data.runs.set(run.id, run);
    ctx.send(201, full(run, now(), ctx.baseUrl));
  });
}
