/**
 * Simulated ICA v1 (TES) task runs. Status is free text on the wire; here a run goes
 * Pending -> Running (one or more attempts; a failed attempt is retried while retryLimit allows)
 * -> Finalizing -> Completed | Failed | TimedOut, or Aborted when aborted.
 */
import { iso } from '../common/clock';
import { hostileSuffix } from '../common/hostile';
import type { Prng } from '../common/prng';

export type Json = Record<string, unknown>;

export interface IcaAttempt {
  startAt: number;
  endAt: number;
  ok: boolean;
}

export interface IcaTaskVersion {
  id: string;
  version: string;
  taskId: string;
  taskName: string;
  image: string;
  command: string;
  args: string[];
  timeCreated: number;
}

export interface IcaRun {
  id: string;
  name: string;
  description: string;
  createdAt: number;
  attempts: IcaAttempt[];
  finalOk: 'Completed' | 'Failed' | 'TimedOut';
  finalizeMs: number;
  abortedAt?: number;
  execution: Json;
  version?: IcaTaskVersion;
  size: string;
  tier: string;
  createdBy: string;
  acl: string[];
}

export const TENANT = 'sandbox-tenant-7f3a';
const USERS = ['a.researcher@example.org', 'genomics-bot@example.org', 'j.doe@example.org'];

export function statusAt(run: IcaRun, now: number): { status: string; details: string; since: number } {
  if (run.abortedAt !== undefined && run.abortedAt <= now) return { status: 'Aborted', details: 'Aborted by user request', since: run.abortedAt };
  const first = run.attempts[0];
  if (now < first.startAt) return { status: 'Pending', details: 'Waiting for compute resources', since: run.createdAt };
  for (let i = 0; i < run.attempts.length; i++) {
    const a = run.attempts[i];
    if (now < a.startAt) return { status: 'Pending', details: `Attempt ${i} failed; retrying (attempt ${i + 1} of ${run.attempts.length})`, since: run.attempts[i - 1].endAt };
    if (now < a.endAt) return { status: 'Running', details: `Attempt ${i + 1} running`, since: a.startAt };
  }
  const last = run.attempts[run.attempts.length - 1];
  if (now < last.endAt + run.finalizeMs) return { status: 'Finalizing', details: 'Uploading outputs', since: last.endAt };
  const details = run.finalOk === 'Completed' ? 'Task run completed successfully' : run.finalOk === 'TimedOut' ? 'Task run exceeded its time limit' : 'Task run failed: container exited with code 1';
  return { status: run.finalOk, details, since: last.endAt + run.finalizeMs };
}

/** Logs per attempt; stdout/stderr grow with the simulated time. */
export function logsAt(run: IcaRun, now: number): Json[] {
  const stop = Math.min(now, run.abortedAt ?? Infinity);
  return run.attempts
    .filter((a) => a.startAt <= stop)
    .map((a, i) => {
      const end = Math.min(a.endAt, stop);
      const total = Math.max(1, a.endAt - a.startAt);
      const lines: string[] = [];
      const errs: string[] = [];
      const steps = 10;
      for (let k = 0; k <= steps; k++) {
        const t = a.startAt + Math.floor((total * k) / steps);
        if (t > end) break;
        lines.push(`${iso(t)} [${run.name}] ${k === 0 ? 'starting container' : `processed ${k * 10}% of reads`}`);
        if (k % 4 === 3) errs.push(`${iso(t)} WARNING: low mapping quality in region chr${k}:1200000-1300000`);
      }
      const log: Json = { startTime: iso(a.startAt), stdout: lines.join('\n'), stderr: errs.join('\n') };
      if (a.endAt <= stop) {
        log.endTime = iso(a.endAt);
        if (!a.ok) {
          log.error = 'Container exited with code 1';
          log.errorDetails = 'OOMKilled: the process exceeded its memory limit (attempt ' + (i + 1) + ')';
          log.stderr = `${String(log.stderr)}\n${iso(a.endAt)} ERROR: std::bad_alloc`.trim();
        } else log.stdout = `${String(log.stdout)}\n${iso(a.endAt)} done`;
      } else if (run.abortedAt !== undefined && run.abortedAt <= now) {
        log.endTime = iso(run.abortedAt);
        log.error = 'Aborted';
      }
      return log;
    });
}

export function summary(run: IcaRun, now: number, base: string): Json {
  const s = statusAt(run, now);
  const out: Json = {
    id: run.id,
    href: `${base}v1/tasks/runs/${run.id}`,
    urn: `urn:ilmn:ica:taskrun:${run.id}#${run.name}`,
    name: run.name,
    description: run.description,
    status: s.status,
    statusDetails: s.details,
    typeOfResource: 'Standard',
    sizeOfResource: run.size,
    tierOfResource: run.tier,
    acl: run.acl,
    tenantId: TENANT,
    createdBy: run.createdBy,
    timeCreated: iso(run.createdAt),
    modifiedBy: run.createdBy,
    timeModified: iso(Math.max(run.createdAt, s.since)),
  };
  if (run.version) out.taskVersionSummary = versionSummary(run.version, base);
  return out;
}

export function full(run: IcaRun, now: number, base: string): Json {
  return { ...summary(run, now, base), execution: run.execution, logs: logsAt(run, now) };
}

export function versionSummary(v: IcaTaskVersion, base: string): Json {
  return {
    id: v.id, href: `${base}v1/tasks/${v.taskId}/versions/${v.id}`, urn: `urn:ilmn:ica:taskversion:${v.id}#${v.taskName}:${v.version}`,
    version: v.version, description: `${v.taskName} ${v.version}`, acl: [`tid:${TENANT}`], tenantId: TENANT,
    createdBy: USERS[0], timeCreated: iso(v.timeCreated), modifiedBy: USERS[0], timeModified: iso(v.timeCreated),
  };
}

const SAMPLES = ['NA12878', 'NA24385', 'HG002', 'HG003', 'NA12891', 'HG00733', 'NA19240'];

export function seedRun(rng: Prng, i: number, now: number, versions: IcaTaskVersion[], hostile: boolean): IcaRun {
  const v = rng.pick(versions);
  const kind = rng.weighted({ done: 14, running: 4, pending: 1, aborted: 1 });
  const sample = rng.pick(SAMPLES);
  const name = `${v.taskName}-${sample}-${String(i + 1).padStart(3, '0')}${hostile && i % 5 === 1 ? ` ${hostileSuffix(i)}` : ''}`;
  const pendingMs = rng.int(5_000, 30_000);
  const attemptMs = kind === 'running' ? rng.int(120_000, 900_000) : rng.int(60_000, 3_600_000);
  let createdAt: number;
  if (kind === 'pending') createdAt = now - rng.int(0, pendingMs - 2000);
  else if (kind === 'running') createdAt = now - pendingMs - rng.int(5_000, Math.floor(attemptMs / 2));
  else createdAt = now - rng.int(3 * 3_600_000, 20 * 86_400_000) - i * 60_000;
  const outcome = rng.weighted({ Completed: 7, Failed: 2, TimedOut: 1 });
  const run = makeRun(rng, name, createdAt, pendingMs, attemptMs, outcome, v, rng.pick(USERS));
  if (kind === 'aborted') run.abortedAt = run.attempts[0].startAt + Math.floor(attemptMs / 3);
  return run;
}

export function makeRun(rng: Prng, name: string, createdAt: number, pendingMs: number, attemptMs: number, outcome: IcaRun['finalOk'], v: IcaTaskVersion | undefined, user: string, execution?: Json): IcaRun {
  // A failed run retried once shows two attempts in logs[]; a completed one sometimes too.
  const retried = outcome === 'Failed' || rng.chance(0.2);
  const attempts: IcaAttempt[] = [];
  let t = createdAt + pendingMs;
  const n = retried ? 2 : 1;
  for (let k = 0; k < n; k++) {
    const dur = k < n - 1 ? Math.floor(attemptMs / 3) : attemptMs;
    attempts.push({ startAt: t, endAt: t + dur, ok: k === n - 1 ? outcome === 'Completed' : false });
    t += dur + 5_000;
  }
  return {
    id: `trn.${rng.hex(32)}`,
    name,
    description: v ? `${v.taskName} ${v.version} on ${name}` : name,
    createdAt,
    attempts,
    finalOk: outcome,
    finalizeMs: 3_000,
    execution: execution ?? {
      image: { name: v?.image ?? 'ubuntu', tag: v?.version ?? 'latest' },
      command: v?.command ?? 'bash',
      args: v?.args ?? ['-c', 'echo hello'],
      inputs: [{ path: '/data/input', url: `gds://genomics-data/samples/${name}/`, type: 'Folder', mode: 'download' }],
      outputs: [{ path: '/data/output', url: `gds://genomics-data/results/${name}/` }],
      environment: { variables: { THREADS: '16' }, resources: { type: 'standard', size: 'medium', tier: 'standard' } },
      workingDirectory: '/data',
      retryLimit: 3,
      retryCount: retried ? 1 : 0,
    },
    version: v,
    size: 'Medium',
    tier: 'Standard',
    createdBy: user,
    acl: [`tid:${TENANT}`],
  };
}

export function seedVersions(rng: Prng, now: number): IcaTaskVersion[] {
  const defs: [string, string, string, string, string[]][] = [
    ['dragen-germline', '4.2.4', 'dragen-germline', '/opt/edico/bin/dragen', ['--enable-variant-caller', 'true', '--ref-dir', '/ref/hg38']],
    ['dragen-germline', '3.10.4', 'dragen-germline', '/opt/edico/bin/dragen', ['--enable-variant-caller', 'true', '--ref-dir', '/ref/hg38']],
    ['bcl-convert', '4.1.7', 'bcl-convert', 'bcl-convert', ['--bcl-input-directory', '/data/input', '--output-directory', '/data/output']],
    ['fastqc', '0.12.1', 'biocontainers/fastqc', 'fastqc', ['-o', '/data/output', '/data/input/reads.fastq.gz']],
  ];
  const taskIds = new Map<string, string>();
  return defs.map(([taskName, version, image, command, args], i) => {
    if (!taskIds.has(taskName)) taskIds.set(taskName, `tdn.${rng.hex(32)}`);
    return { id: `tvn.${rng.hex(32)}`, version, taskId: taskIds.get(taskName) as string, taskName, image, command, args, timeCreated: now - (90 - i) * 86_400_000 };
  });
}
