/** KFP data: experiments and runs, seeded deterministically, plus the mutations the API performs. */
import { hostileSuffix } from '../common/hostile';
import { Prng } from '../common/prng';
import { HttpError } from '../common/errors';
import { EXPERIMENT_NAMES, GENERIC_PIPELINE, PIPELINES, type PipelineTemplate } from './pipelines';
import { ROOT_KEY, runState, schedule, TERMINAL, type KfpRun } from './model';
import type { Json } from './wire';

export interface KfpExperiment {
  experiment_id: string;
  display_name: string;
  description: string;
  createdAt: number;
  storage_state: 'AVAILABLE' | 'ARCHIVED';
  namespace: string;
}

const SUFFIXES = ['baseline', 'lr-sweep', 'ablation', 'nightly', 'hotfix', 'v2', 'prod-candidate', 'smoke'];

export class KfpStore {
  readonly experiments: KfpExperiment[] = [];
  readonly runs = new Map<string, KfpRun>();
  /** Tasks created through POST /tasks (they belong to no simulated schedule). */
  readonly extraTasks = new Map<string, Json>();
  private readonly rng: Prng;
  private contextSeq = 1000;

  constructor(seed: Prng, count: number, now: number, private readonly hostile: boolean) {
    this.rng = seed.fork('kfp');
    const expBase = now - 30 * 86_400_000;
    EXPERIMENT_NAMES.forEach((name, i) => {
      this.experiments.push({
        experiment_id: this.rng.uuid(),
        display_name: name,
        description: name === 'Default' ? 'All runs created without specifying an experiment will be grouped here.' : `Runs of ${name}`,
        createdAt: expBase + i * 3_600_000,
        storage_state: 'AVAILABLE',
        namespace: '',
      });
    });
    for (let i = 0; i < count; i++) this.seedRun(i, now);
  }

  private seedRun(i: number, now: number): void {
    const r = this.rng;
    const p = r.pick(PIPELINES);
    const kind = r.weighted({ done: 14, running: 4, pending: 1, canceled: 1 });
    const scale = kind === 'running' ? r.pick([0.5, 1, 2]) : 1;
    const failKey = r.chance(0.25) ? r.pick(p.tasks.filter((t) => t.type === 'RUNTIME')).key : undefined;
    const cached = new Set(p.tasks.filter((t) => t.cacheable && r.chance(0.4)).map((t) => t.key));
    const pendingMs = r.int(3_000, 15_000);
    let createdAt: number;
    if (kind === 'pending') createdAt = now - r.int(0, pendingMs - 1000);
    else if (kind === 'running') createdAt = now - pendingMs - r.int(5_000, 60_000);
    else createdAt = now - r.int(2 * 3_600_000, 10 * 86_400_000) - i * 60_000;
    const name = `${p.name}-${r.pick(SUFFIXES)}-${String(i + 1).padStart(3, '0')}${this.hostile && i % 5 === 2 ? ` ${hostileSuffix(i)}` : ''}`;
    const run = this.newRun(p, name, createdAt, pendingMs, scale, { failKey, cached });
    if (kind === 'canceled') {
      const a = run.attempts[0];
      a.terminatedAt = a.startAt + Math.floor((a.endAt - a.startAt) / 2);
    }
    if (kind === 'done' && r.chance(0.15)) run.storage_state = 'ARCHIVED';
    if (r.chance(0.1)) run.recurring_run_id = `rr-${p.name}-nightly`;
  }

  private newRun(p: PipelineTemplate, name: string, createdAt: number, pendingMs: number, scale: number, o: { failKey?: string; cached?: Set<string> }, experimentId?: string): KfpRun {
    const r = this.rng;
    const exp = this.experiments.find((e) => e.experiment_id === experimentId) ?? this.experiments.find((e) => e.display_name === p.experiment) ?? this.experiments[0];
    const taskIds: Record<string, string> = { [ROOT_KEY]: r.uuid() };
    for (const t of p.tasks) taskIds[t.key] = r.uuid();
    const run: KfpRun = {
      run_id: r.uuid(),
      display_name: name,
      description: `${p.name} run`,
      experiment_id: exp.experiment_id,
      pipeline: p,
      parameters: { ...p.params },
      service_account: 'pipeline-runner',
      createdAt,
      storage_state: 'AVAILABLE',
      attempts: [schedule(p, createdAt + pendingMs, r, scale, o)],
      taskIds,
      podPrefix: `${p.name}-${r.hex(5)}`,
      contextId: (this.contextSeq += 10),
      overrides: new Map(),
      scale,
    };
    this.runs.set(run.run_id, run);
    return run;
  }

  get(runId: string): KfpRun {
    const run = this.runs.get(runId);
    if (!run) throw new HttpError(404, `Failed to get run: run ${runId} not found`);
    return run;
  }

  experiment(id: string): KfpExperiment {
    const e = this.experiments.find((x) => x.experiment_id === id);
    if (!e) throw new HttpError(404, `Failed to get experiment: experiment ${id} not found`);
    return e;
  }

  lastRunCreatedAt(expId: string): number | undefined {
    let max: number | undefined;
    for (const r of this.runs.values()) if (r.experiment_id === expId && (max === undefined || r.createdAt > max)) max = r.createdAt;
    return max;
  }

  /** POST /runs: the body is the Run itself. */
  create(body: Json, experimentIdQuery: string | null, now: number): KfpRun {
    const name = body.display_name;
    if (typeof name !== 'string' || !name.trim()) throw new HttpError(400, 'Failed to create a run: invalid display_name: it must be a non-empty string');
    const ref = body.pipeline_version_reference as Json | undefined;
    const spec = body.pipeline_spec as Json | undefined;
    if (!spec && (!ref || typeof ref.pipeline_id !== 'string' || !ref.pipeline_id)) {
      throw new HttpError(400, 'Failed to create a run: either pipeline_version_reference.pipeline_id or pipeline_spec is required');
    }
    const expId = (typeof body.experiment_id === 'string' && body.experiment_id) || experimentIdQuery || undefined;
    if (expId) this.experiment(expId);
    let p = GENERIC_PIPELINE;
    if (ref) {
      const known = PIPELINES.find((x) => x.pipelineId === ref.pipeline_id);
      if (!known) throw new HttpError(404, `Failed to create a run: pipeline ${String(ref.pipeline_id)} not found`);
      if (ref.pipeline_version_id && ref.pipeline_version_id !== known.versionId) throw new HttpError(404, `Failed to create a run: pipeline version ${String(ref.pipeline_version_id)} not found`);
      p = known;
    }
    // Created runs are quick (tens of seconds at speed 1) so a person sees them finish.
    const run = this.newRun(p, name, now, 2_000, 0.1, {}, expId ?? this.experiments[0].experiment_id);
    if (typeof body.description === 'string') run.description = body.description;
    const params = (body.runtime_config as Json | undefined)?.parameters;
    if (params && typeof params === 'object') run.parameters = { ...run.parameters, ...(params as Json) };
    if (spec) run.pipelineSpec = spec;
    if (typeof body.service_account === 'string' && body.service_account) run.service_account = body.service_account;
    return run;
  }

  terminate(run: KfpRun, now: number): void {
    const s = runState(run, now);
    if (TERMINAL.has(s) || s === 'CANCELING') throw new HttpError(400, `Failed to terminate run ${run.run_id}: the run is already ${s}`);
    const a = run.attempts[run.attempts.length - 1];
    a.terminatedAt = now;
    // A PENDING run is cut before any task starts.
    if (a.startAt > now) a.startAt = now;
  }

  retry(run: KfpRun, now: number): void {
    const s = runState(run, now);
    if (s !== 'FAILED' && s !== 'CANCELED') throw new HttpError(400, `Failed to retry run ${run.run_id}: only FAILED or CANCELED runs can be retried, this one is ${s}`);
    const prev = run.attempts[run.attempts.length - 1];
    const keep = new Map([...prev.execs].filter(([, e]) => prev.terminatedAt === undefined || e.endAt <= prev.terminatedAt));
    run.attempts.push(schedule(run.pipeline, now + 1000, this.rng, Math.min(run.scale, 0.2), { keep }));
  }

  delete(runId: string): void {
    this.get(runId);
    this.runs.delete(runId);
  }
}
