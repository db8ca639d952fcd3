/** Pod logs as the KFP UI server serves them (`/k8s/pod/logs`): lines appear while the task runs. */
import { iso } from '../common/clock';
import { taskViews, type KfpRun } from './model';

export function podLogs(run: KfpRun, key: string, now: number, role: 'impl' | 'driver' = 'impl'): string | undefined {
  const v = taskViews(run, now).find((t) => t.key === key);
  if (!v) return undefined;
  const e = v.exec;
  if (role === 'driver') {
    // Driver pods resolve inputs and the cache, then exit: a few lines, there as soon as the task exists.
    return [`${iso(e.startAt)} I0820 driver.go:230] Driver for ${key} in run ${run.run_id}`, `${iso(e.startAt)} I0820 driver.go:410] ${v.phase === 'CACHED' ? 'cache hit: skipping execution' : 'cache miss: launching executor'}`].join('\n') + '\n';
  }
  const end = v.end ?? now;
  const lines: [number, string][] = [
    [e.startAt, `I0820 launcher_v2.go:91] input ComponentSpec: executor ${key}`],
    [e.startAt + 200, 'I0820 cache.go:139] Cannot find cache entry, executing'],
    [e.startAt + 400, `+ python3 -m kfp.dsl.executor_main --component_module_path /tmp/${key}.py`],
  ];
  if (v.phase === 'CACHED') return `${iso(e.startAt)} I0820 cache.go:120] Cache hit for ${key}: reusing outputs of a previous execution\n`;
  const total = Math.max(1, e.endAt - e.startAt);
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    const t = e.startAt + Math.floor((total * i) / (steps + 1));
    lines.push([t, `[${key}] step ${i}/${steps}: loss=${(1 / (i + 1)).toFixed(4)} throughput=${(800 + i * 13) % 997} samples/s`]);
  }
  if (v.phase === 'FAILED') {
    lines.push([end, 'Traceback (most recent call last):'], [end, `  File "/tmp/${key}.py", line 42, in ${key.replace(/-/g, '_')}`], [end, 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB'], [end, 'F0820 main.go:50] Failed to execute component: exit status 1']);
  } else if (v.phase === 'CANCELED') lines.push([end, 'Received SIGTERM: the run was terminated']);
  else if (v.phase === 'SUCCEEDED') lines.push([end, `I0820 launcher_v2.go:150] ${key} succeeded; outputs uploaded`]);
  return lines.filter(([t]) => t <= now).map(([t, l]) => `${iso(t)} ${l}`).join('\n') + '\n';
}
