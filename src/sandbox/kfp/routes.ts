/** KFP v2beta1 routes (seed 000 + experiments) and the UI server's pod-log route. */
import { randomUUID } from 'crypto';
import type { Ctx } from '../common/context';
import { HttpError } from '../common/errors';
import { iso } from '../common/clock';
import { Router } from '../common/router';
import type { SimClock } from '../common/clock';
import { ROOT_KEY, runState, taskViews, type KfpRun } from './model';
import { listPage, type Getter } from './query';
import type { KfpExperiment, KfpStore } from './store';
import { mergeTask, podName, renderRun, renderTask, type Json } from './wire';
import { podLogs } from './logs';

const API = '/apis/v2beta1';

export interface KfpRouteOptions {
  tasksApi: boolean;
}

export function kfpRouter(store: KfpStore, clock: SimClock, o: KfpRouteOptions): Router {
  const r = new Router();
  const now = (): number => clock.now();
  const view = (ctx: Ctx): boolean => {
    const v = ctx.query.get('view');
    if (v && v !== 'DEFAULT' && v !== 'FULL') throw new HttpError(400, `Invalid input error: unknown view "${v}"`);
    return v === 'FULL';
  };
  const render = (run: KfpRun, full: boolean): Json => renderRun(run, now(), { full, tasksApi: o.tasksApi });
  const runFields: Record<string, Getter<KfpRun>> = {
    display_name: (x) => x.display_name, name: (x) => x.display_name, run_id: (x) => x.run_id, id: (x) => x.run_id,
    created_at: (x) => x.createdAt, scheduled_at: (x) => x.createdAt, state: (x) => runState(x, now()),
    storage_state: (x) => x.storage_state, experiment_id: (x) => x.experiment_id, pipeline_version_id: (x) => x.pipeline.versionId,
  };

  r.add('GET', `${API}/healthz`, (ctx) => ctx.send(200, { multi_user: false, pipeline_store: 'database' }));

  r.add('GET', `${API}/runs`, (ctx) => {
    const full = view(ctx);
    let all = [...store.runs.values()];
    const exp = ctx.query.get('experiment_id');
    if (exp) all = all.filter((x) => x.experiment_id === exp);
    const { page, next, total } = listPage(all, { filter: ctx.query.get('filter'), sortBy: ctx.query.get('sort_by'), pageToken: ctx.query.get('page_token'), pageSize: ctx.intParam('page_size', 0) }, runFields, (x) => x.run_id, 'created_at desc');
    const body: Json = { runs: page.map((x) => render(x, full)), total_size: total, next_page_token: next };
    if (!page.length) delete body.runs; // proto3 JSON omits empty repeated fields, as KFP does
    ctx.send(200, body);
  });
  r.add('POST', `${API}/runs`, (ctx) => {
    const run = store.create(ctx.object(), ctx.query.get('experiment_id'), now());
    clock.wake();
    ctx.send(200, render(run, false));
  });
  r.add('GET', `${API}/runs/{run_id}`, (ctx) => ctx.send(200, render(store.get(ctx.params.run_id), view(ctx))));
  r.add('DELETE', `${API}/runs/{run_id}`, (ctx) => {
    store.delete(ctx.params.run_id);
    ctx.send(200, {});
  });
  const action = (verb: string, f: (run: KfpRun) => void): void => {
    r.add('POST', `${API}/runs/{run_id}:${verb}`, (ctx) => {
      f(store.get(ctx.params.run_id));
      clock.wake();
      ctx.send(200, {});
    });
  };
  action('archive', (run) => { run.storage_state = 'ARCHIVED'; });
  action('unarchive', (run) => { run.storage_state = 'AVAILABLE'; });
  action('terminate', (run) => store.terminate(run, now()));
  action('retry', (run) => store.retry(run, now()));

  addExperimentRoutes(r, store);
  if (o.tasksApi) addTaskRoutes(r, store, now);

  // The KFP UI server (ml-pipeline-ui), not the API server, serves pod logs at its root.
  r.add('GET', '/k8s/pod/logs', (ctx) => {
    const pod = ctx.query.get('podname');
    if (!pod) return ctx.text(400, 'podname argument is required');
    for (const run of store.runs.values()) {
      if (!pod.startsWith(run.podPrefix)) continue;
      for (const key of [ROOT_KEY, ...run.pipeline.tasks.map((t) => t.key)]) {
        const role = podName(run, key, 'impl') === pod ? 'impl' : podName(run, key, 'driver') === pod ? 'driver' : undefined;
        const text = role ? podLogs(run, key, now(), role) : undefined;
        if (text !== undefined) return ctx.text(200, text);
      }
    }
    ctx.text(404, `Could not get main container logs: pod "${pod}" not found in namespace "${ctx.query.get('podnamespace') ?? 'kubeflow'}"`);
  });
  return r;
}

function addExperimentRoutes(r: Router, store: KfpStore): void {
  const render = (e: KfpExperiment): Json => {
    const last = store.lastRunCreatedAt(e.experiment_id);
    return { experiment_id: e.experiment_id, display_name: e.display_name, description: e.description, created_at: iso(e.createdAt), namespace: e.namespace, storage_state: e.storage_state, last_run_created_at: last !== undefined ? iso(last) : '1970-01-01T00:00:00Z' };
  };
  const fields: Record<string, Getter<KfpExperiment>> = {
    display_name: (e) => e.display_name, name: (e) => e.display_name, id: (e) => e.experiment_id, experiment_id: (e) => e.experiment_id,
    created_at: (e) => e.createdAt, storage_state: (e) => e.storage_state, namespace: (e) => e.namespace,
  };
  r.add('GET', `${API}/experiments`, (ctx) => {
    const { page, next, total } = listPage(store.experiments, { filter: ctx.query.get('filter'), sortBy: ctx.query.get('sort_by'), pageToken: ctx.query.get('page_token'), pageSize: ctx.intParam('page_size', 0) }, fields, (e) => e.experiment_id, 'created_at desc');
    const body: Json = { experiments: page.map(render), total_size: total, next_page_token: next };
    if (!page.length) delete body.experiments;
    ctx.send(200, body);
  });
  r.add('POST', `${API}/experiments`, (ctx) => {
    const b = ctx.object();
    if (typeof b.display_name !== 'string' || !b.display_name) throw new HttpError(400, 'Invalid input error: experiment display_name is required');
    if (store.experiments.some((e) => e.display_name === b.display_name)) throw new HttpError(409, `Failed to create experiment: an experiment named "${b.display_name}" already exists`);
    const e: KfpExperiment = { experiment_id: cryptoId(), display_name: b.display_name, description: typeof b.description === 'string' ? b.description : '', createdAt: Date.now(), storage_state: 'AVAILABLE', namespace: typeof b.namespace === 'string' ? b.namespace : '' };
    store.experiments.push(e);
    ctx.send(200, render(e));
  });
  r.add('GET', `${API}/experiments/{experiment_id}`, (ctx) => ctx.send(200, render(store.experiment(ctx.params.experiment_id))));
  r.add('DELETE', `${API}/experiments/{experiment_id}`, (ctx) => {
    const e = store.experiment(ctx.params.experiment_id);
    store.experiments.splice(store.experiments.indexOf(e), 1);
    ctx.send(200, {});
  });
  r.add('POST', `${API}/experiments/{experiment_id}:archive`, (ctx) => {
    store.experiment(ctx.params.experiment_id).storage_state = 'ARCHIVED';
    ctx.send(200, {});
  });
  r.add('POST', `${API}/experiments/{experiment_id}:unarchive`, (ctx) => {
    store.experiment(ctx.params.experiment_id).storage_state = 'AVAILABLE';
    ctx.send(200, {});
  });
}

/** Objects created through the API need no determinism, only uniqueness. */
const cryptoId = (): string => randomUUID();

/** The tasks API of PR #13986 (42ff24e): only on servers that have it (o.tasksApi). */
function addTaskRoutes(r: Router, store: KfpStore, now: () => number): void {
  const allTasks = (filter: (run: KfpRun) => boolean): Json[] => {
    const out: Json[] = [];
    for (const run of store.runs.values()) {
      if (!filter(run)) continue;
      const views = taskViews(run, now());
      out.push(...views.map((v) => renderTask(run, v, views)));
    }
    for (const t of store.extraTasks.values()) if (store.runs.has(String(t.run_id)) && filter(store.runs.get(String(t.run_id)) as KfpRun)) out.push(t);
    return out;
  };
  const findTask = (id: string): { run?: KfpRun; task: Json } => {
    const extra = store.extraTasks.get(id);
    if (extra) return { task: extra };
    for (const run of store.runs.values()) {
      const key = Object.entries(run.taskIds).find(([, v]) => v === id)?.[0];
      if (!key) continue;
      const views = taskViews(run, now());
      const v = views.find((x) => x.key === key);
      if (v) return { run, task: renderTask(run, v, views) };
    }
    throw new HttpError(404, `Failed to get task: task ${id} not found`);
  };
  const fields: Record<string, Getter<Json>> = {
    create_time: (t) => Date.parse(String(t.create_time)), end_time: (t) => (t.end_time ? Date.parse(String(t.end_time)) : undefined),
    display_name: (t) => String(t.display_name ?? ''), name: (t) => String(t.name ?? ''), state: (t) => String(t.state ?? ''), type: (t) => String(t.type ?? ''), task_id: (t) => String(t.task_id),
  };

  r.add('GET', `${API}/tasks`, (ctx) => {
    const runId = ctx.query.get('run_id');
    const parentId = ctx.query.get('parent_id');
    const ns = ctx.query.get('namespace');
    if ([runId, parentId, ns].filter((x) => x).length !== 1) throw new HttpError(400, 'Invalid input error: exactly one of run_id, parent_id or namespace must be set');
    let tasks: Json[];
    if (runId) {
      store.get(runId);
      tasks = allTasks((run) => run.run_id === runId);
    } else if (parentId) tasks = allTasks(() => true).filter((t) => t.parent_task_id === parentId);
    else tasks = allTasks(() => true);
    const { page, next, total } = listPage(tasks, { filter: ctx.query.get('filter'), sortBy: ctx.query.get('order_by'), pageToken: ctx.query.get('page_token'), pageSize: ctx.intParam('page_size', 0) }, fields, (t) => String(t.task_id), 'create_time asc');
    const body: Json = { tasks: page, next_page_token: next, total_size: total };
    if (!page.length) delete body.tasks;
    ctx.send(200, body);
  });
  r.add('POST', `${API}/tasks`, (ctx) => {
    const b = ctx.object();
    if (typeof b.run_id !== 'string' || !store.runs.has(b.run_id)) throw new HttpError(400, 'Invalid input error: task.run_id must name an existing run');
    const t: Json = { ...b, task_id: cryptoId(), create_time: b.create_time ?? iso(now()), state: b.state ?? 'RUNNING' };
    store.extraTasks.set(String(t.task_id), t);
    ctx.send(200, t);
  });
  r.add('GET', `${API}/tasks/{task_id}`, (ctx) => ctx.send(200, findTask(ctx.params.task_id).task));
  const patch = (id: string, p: Json): Json => {
    const { run, task } = findTask(id);
    const clean = { ...p };
    delete clean.task_id;
    delete clean.run_id;
    if (run) {
      run.overrides.set(id, mergeTask(run.overrides.get(id) ?? {}, clean));
      return mergeTask(task, clean);
    }
    const merged = mergeTask(task, clean);
    store.extraTasks.set(id, merged);
    return merged;
  };
  r.add('PATCH', `${API}/tasks/{task_id}`, (ctx) => ctx.send(200, patch(ctx.params.task_id, ctx.object())));
  r.add('POST', `${API}/tasks:batchUpdate`, (ctx) => {
    const b = ctx.object();
    const tasks = b.tasks;
    if (!tasks || typeof tasks !== 'object' || Array.isArray(tasks)) throw new HttpError(400, 'Invalid input error: tasks must be a map of task_id to task');
    const entries = Object.entries(tasks as Record<string, Json>);
    for (const [id] of entries) findTask(id); // all or nothing: 404 before any change
    ctx.send(200, { tasks: Object.fromEntries(entries.map(([id, t]) => [id, patch(id, t)])) });
  });
}
