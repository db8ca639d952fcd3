/** KFP v2beta1 wire shapes (snake_case, int64 as strings, RFC 3339) computed from the model at `now`. */
import { iso } from '../common/clock';
import { finishedAt, ROOT_KEY, runHistory, taskViews, type KfpRun, type TaskPhase, type TaskView } from './model';

/** KFP answers this for timestamps that are not set yet (a real quirk clients must handle). */
export const ZERO_TIME = '1970-01-01T00:00:00Z';

export type Json = Record<string, unknown>;

export interface RenderOptions {
  full: boolean;
  tasksApi: boolean;
}

export function podName(run: KfpRun, key: string, role: 'impl' | 'driver'): string {
  const n = 1_000_000_000 + (hash(`${run.run_id}/${key}/${role}`) % 8_999_999_999);
  const kind = key === ROOT_KEY ? 'dag-driver' : role === 'driver' ? 'container-driver' : 'container-impl';
  return `${run.podPrefix}-system-${kind}-${n}`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function taskName(run: KfpRun, key: string): string {
  return key === ROOT_KEY ? run.pipeline.name : key;
}

function taskType(v: TaskView): string {
  return v.key === ROOT_KEY ? 'ROOT' : v.template?.type ?? 'RUNTIME';
}

function parentKey(v: TaskView): string {
  return v.key === ROOT_KEY ? '' : v.template?.parent ?? ROOT_KEY;
}

const TASK_STATE: Record<TaskPhase, string> = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', CACHED: 'CACHED', CANCELED: 'FAILED' };
const DETAIL_STATE: Record<TaskPhase, string> = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', CACHED: 'SKIPPED', CANCELED: 'CANCELED' };

function failureMessage(run: KfpRun, v: TaskView): string | undefined {
  if (v.phase === 'CANCELED') return 'Task was terminated by the user';
  if (v.phase === 'FAILED') return v.template?.type === 'RUNTIME' ? `Error: exit status 1 (see logs of ${podName(run, v.key, 'impl')})` : 'A child task failed';
  return undefined;
}

/** A task of the tasks API (PipelineTask, 42ff24e). */
export function renderTask(run: KfpRun, v: TaskView, all: TaskView[]): Json {
  const isRuntime = taskType(v) === 'RUNTIME';
  const children = all.filter((c) => parentKey(c) === v.key && c.key !== v.key);
  const msg = failureMessage(run, v);
  const params = v.key === ROOT_KEY ? run.parameters : v.template?.params ?? {};
  const t: Json = {
    name: taskName(run, v.key),
    display_name: taskName(run, v.key),
    task_id: run.taskIds[v.key],
    run_id: run.run_id,
    pods: isRuntime
      ? [
          { name: podName(run, v.key, 'driver'), uid: run.taskIds[v.key].replace(/^.{8}/, 'd0d0d0d0'), type: 'DRIVER' },
          ...(v.phase === 'CACHED' ? [] : [{ name: podName(run, v.key, 'impl'), uid: run.taskIds[v.key].replace(/^.{8}/, 'e1e1e1e1'), type: 'EXECUTOR' }]),
        ]
      : [{ name: podName(run, v.key, 'driver'), uid: run.taskIds[v.key].replace(/^.{8}/, 'd0d0d0d0'), type: 'DRIVER' }],
    create_time: iso(v.history[0].exec.startAt),
    state: TASK_STATE[v.phase],
    state_history: v.history.flatMap((h) => [
      { update_time: iso(h.exec.startAt), state: 'RUNNING' },
      ...(h.end !== undefined ? [{ update_time: iso(h.end), state: TASK_STATE[h.phase] }] : []),
    ]),
    type: taskType(v),
    parent_task_id: v.key === ROOT_KEY ? '' : run.taskIds[parentKey(v)],
    child_tasks: children.map((c) => ({ task_id: run.taskIds[c.key], name: taskName(run, c.key) })),
    inputs: { parameters: Object.entries(params).map(([k, value]) => ({ parameter_key: k, value, type: 'COMPONENT_INPUT' })) },
    outputs: v.phase === 'SUCCEEDED' || v.phase === 'CACHED' ? { artifacts: isRuntime ? [{ artifact_key: 'output', type: 'OUTPUT', artifacts: [{ artifact_id: String(hash(run.run_id + v.key) % 100000), name: 'output', uri: `minio://mlpipeline/v2/artifacts/${run.pipeline.name}/${run.run_id}/${v.key}/output`, type: 'Artifact' }] }] : [] } : {},
    scope_path: v.key === ROOT_KEY ? 'root' : `root.${v.template?.parent ? `${v.template.parent}.` : ''}${v.key}`,
  };
  if (v.end !== undefined) t.end_time = iso(v.end);
  if (msg) t.status_metadata = { message: msg };
  if (v.phase === 'CACHED') t.cache_fingerprint = `fp-${hash(run.pipeline.name + v.key).toString(16)}`;
  const o = run.overrides.get(run.taskIds[v.key]);
  return o ? mergeTask(t, o) : t;
}

/** PATCH semantics: fields replace, input/output parameters merge by parameter_key. */
export function mergeTask(base: Json, patch: Json): Json {
  const out: Json = { ...base, ...patch };
  for (const io of ['inputs', 'outputs'] as const) {
    const b = base[io] as Json | undefined;
    const p = patch[io] as Json | undefined;
    if (!b || !p) continue;
    const bp = (b.parameters as Json[] | undefined) ?? [];
    const pp = (p.parameters as Json[] | undefined) ?? [];
    const merged = [...bp.filter((x) => !pp.some((y) => y.parameter_key === x.parameter_key)), ...pp];
    out[io] = { ...b, ...p, parameters: merged };
  }
  return out;
}

/** A task in run_details.task_details (PipelineTaskDetail, released KFP). */
function renderTaskDetail(run: KfpRun, v: TaskView, all: TaskView[]): Json {
  const children = all.filter((c) => parentKey(c) === v.key && c.key !== v.key);
  const isRuntime = taskType(v) === 'RUNTIME';
  const d: Json = {
    run_id: run.run_id,
    task_id: run.taskIds[v.key],
    display_name: taskName(run, v.key),
    create_time: iso(v.history[0].exec.startAt),
    start_time: iso(v.exec.startAt),
    end_time: v.end !== undefined ? iso(v.end) : ZERO_TIME,
    state: DETAIL_STATE[v.phase],
    execution_id: String(run.contextId * 10 + Object.keys(run.taskIds).indexOf(v.key)),
    inputs: {},
    outputs: v.phase === 'SUCCEEDED' && isRuntime ? { output: { artifact_ids: [String(hash(run.run_id + v.key) % 100000)] } } : {},
    parent_task_id: v.key === ROOT_KEY ? '' : run.taskIds[parentKey(v)],
    state_history: v.history.flatMap((h) => [
      { update_time: iso(h.exec.startAt), state: 'RUNNING' },
      ...(h.end !== undefined ? [{ update_time: iso(h.end), state: DETAIL_STATE[h.phase] }] : []),
    ]),
    pod_name: isRuntime && v.phase !== 'CACHED' ? podName(run, v.key, 'impl') : '',
    child_tasks: children.map((c) => ({ task_id: run.taskIds[c.key], pod_name: taskType(c) === 'RUNTIME' ? podName(run, c.key, 'impl') : '' })),
  };
  const msg = failureMessage(run, v);
  if (msg) d.error = { code: v.phase === 'CANCELED' ? 1 : 2, message: msg, details: [] };
  return d;
}

export function renderRun(run: KfpRun, now: number, o: RenderOptions): Json {
  const history = runHistory(run, now);
  const views = taskViews(run, now);
  const fin = finishedAt(run, now);
  const r: Json = {
    experiment_id: run.experiment_id,
    run_id: run.run_id,
    display_name: run.display_name,
    description: run.description,
    storage_state: run.storage_state,
    runtime_config: { parameters: run.parameters, pipeline_root: 'minio://mlpipeline/v2/artifacts' },
    service_account: run.service_account,
    created_at: iso(run.createdAt),
    scheduled_at: iso(run.createdAt),
    finished_at: fin !== undefined ? iso(fin) : ZERO_TIME,
    state: history[history.length - 1].state,
    state_history: history.map((h) => ({ update_time: iso(h.at), state: h.state })),
    run_details: {
      pipeline_context_id: String(run.contextId),
      pipeline_run_context_id: String(run.contextId + 1),
      task_details: views.map((v) => renderTaskDetail(run, v, views)),
    },
  };
  if (run.pipelineSpec) r.pipeline_spec = run.pipelineSpec;
  else r.pipeline_version_reference = { pipeline_id: run.pipeline.pipelineId, pipeline_version_id: run.pipeline.versionId };
  if (run.recurring_run_id) r.recurring_run_id = run.recurring_run_id;
  if (o.tasksApi) {
    r.task_count = views.length;
    if (o.full) r.tasks = views.map((v) => renderTask(run, v, views));
  }
  return r;
}
