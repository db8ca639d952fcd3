import * as assert from 'assert';
import { startSandbox } from '../../../../src/sandbox';
import type { Sandbox } from '../../../../src/sandbox/types';
import { createBackend, type KfpBackend } from '../../../../src/backends/kfp';
import { BackendError, NULL_LOGGER, type BackendNode, type OutputEvent, type Page } from '../../../../src/core';
import { kfpBackend } from './helpers';
import { eachEvent } from '../../../support/events';

async function all(b: KfpBackend, parent: BackendNode | undefined, pageSize = 50): Promise<BackendNode[]> {
  const out: BackendNode[] = [];
  let cursor: string | undefined;
  let n = 0;
  do {
    const page: Page<BackendNode> = await b.listChildren(parent, { pageSize, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor && ++n < 100);
  return out;
}

const group = async (b: KfpBackend, name: string): Promise<BackendNode> => (await b.listChildren(undefined, { pageSize: 10 })).items.find((n) => n.label === name) as BackendNode;

for (const withTasksApi of [true, false]) {
  describe(`kfp/backend (${withTasksApi ? 'tasks API' : 'released KFP: run_details.task_details'})`, function () {
    this.timeout(30_000);
    let sb: Sandbox;
    let b: KfpBackend;
    before(async () => {
      sb = await startSandbox({ seed: 3, runs: 30, speed: 1, kfpWithoutTasksApi: !withTasksApi });
      b = kfpBackend(sb.urls.kfp, { token: sb.kfpToken });
    });
    after(async () => sb?.close());

    it('is what createBackend builds', () => {
      const made = createBackend({ id: 'x', label: 'x', kind: 'kfp', baseUrl: sb.urls.kfp }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 1000 });
      assert.strictEqual(made.profile.id, 'x');
    });

    it('root: Experiments, All Runs, Archived', async () => {
      const root = await b.listChildren(undefined, { pageSize: 10 });
      assert.deepStrictEqual(root.items.map((n) => [n.type, n.label]), [['group', 'Experiments'], ['group', 'All Runs'], ['group', 'Archived']]);
    });

    it('All Runs and Archived split the runs, newest first, paged with Load more', async () => {
      const available = await all(b, await group(b, 'All Runs'), 7);
      const archived = await all(b, await group(b, 'Archived'), 7);
      assert.strictEqual(available.length + archived.length, 30);
      assert.ok(available.every((n) => n.type === 'run' && n.run && !n.run.archived));
      assert.ok(archived.every((n) => n.run?.archived && n.run.capabilities.delete && n.run.capabilities.unarchive));
      const times = available.map((n) => n.run?.createdAt?.getTime() ?? 0);
      assert.deepStrictEqual(times, [...times].sort((x, y) => y - x));
      const first = await b.listChildren(await group(b, 'All Runs'), { pageSize: 7 });
      assert.strictEqual(first.items.length, 7);
      assert.ok(first.next);
      assert.strictEqual(first.total, available.length);
    });

    it('filters by status and name text', async () => {
      const allRuns = await all(b, await group(b, 'All Runs'));
      const filtered = await b.listChildren(await group(b, 'All Runs'), { pageSize: 50, filter: { statuses: ['succeeded', 'failed'] } });
      assert.strictEqual(filtered.items.length, allRuns.filter((n) => ['succeeded', 'failed'].includes(n.run?.state.status ?? '')).length);
      const text = allRuns[0].label.slice(0, 6);
      const byText = await b.listChildren(await group(b, 'All Runs'), { pageSize: 50, filter: { text } });
      assert.ok(byText.items.length > 0 && byText.items.every((n) => n.label.includes(text)));
    });

    it('Experiments > experiment > its runs', async () => {
      const exps = await all(b, await group(b, 'Experiments'), 2);
      assert.ok(exps.length >= 6 && exps.every((n) => n.type === 'experiment' && n.experiment));
      let found = 0;
      for (const e of exps) {
        const runs = await all(b, e);
        assert.ok(runs.every((n) => n.run?.experimentId === e.experiment?.id));
        found += runs.length;
      }
      assert.ok(found > 0);
    });

    it('run > tasks nested by parent, with pods for logs', async () => {
      const runs = await all(b, await group(b, 'All Runs'));
      const done = runs.find((n) => n.run?.state.status === 'succeeded') as BackendNode;
      const tasks = await all(b, done, 3);
      assert.ok(tasks.length > 0 && tasks.every((n) => n.type === 'task' && n.task?.runId === done.run?.runId));
      assert.ok(!tasks.some((n) => n.task?.parentId && tasks.some((p) => p.task?.id === n.task?.parentId)), 'top level only');
      const nested = tasks.find((n) => n.expandable);
      if (nested) {
        const kids = await all(b, nested);
        assert.ok(kids.length > 0 && kids.every((k) => k.task?.parentId === nested.task?.id));
      }
      const descendants = async (nodes: BackendNode[]): Promise<BackendNode[]> => {
        const out = [...nodes];
        for (const n of nodes) if (n.expandable) out.push(...(await descendants(await all(b, n))));
        return out;
      };
      const everyTask = await descendants(tasks);
      assert.ok(everyTask.some((n) => n.task?.state.raw === 'SUCCEEDED'));
      const withPod = everyTask.find((n) => n.task?.podName) as BackendNode;
      const log = await b.getLog({ backendId: 'kfp-test', runId: done.run?.runId as string }, withPod.task?.id);
      assert.ok(log.length > 0);
      assert.strictEqual(b['tasks'].hasTasksApi, withTasksApi);
    });

    it('a task without a pod, and a run without a task, say why there is no pod log', async () => {
      const runs = await all(b, await group(b, 'All Runs'));
      const done = runs.find((n) => n.run?.state.status === 'succeeded') as BackendNode;
      const ref = { backendId: 'kfp-test', runId: done.run?.runId as string };
      const summary = await b.getLog(ref);
      assert.match(summary, /task /);
      await assert.rejects(b.getLog(ref, 'no-such-task'), (e: unknown) => e instanceof BackendError && e.code === 'not-found');
    });

    it('maps cancel/retry/archive/unarchive/delete to the KFP routes', async () => {
      const ref = await b.createRun({ body: { display_name: 'backend-actions', pipeline_spec: { root: {} } } });
      sb.requests.clear();
      const run = await b.getRun(ref);
      assert.strictEqual(run.name, 'backend-actions');
      assert.ok(run.capabilities.cancel);
      await b.perform(ref, 'cancel');
      sb.clock.advance(20_000);
      const canceled = await b.getRun(ref);
      assert.strictEqual(canceled.state.status, 'canceled');
      assert.ok(canceled.capabilities.retry && !canceled.capabilities.cancel);
      await b.perform(ref, 'retry');
      await b.perform(ref, 'archive');
      assert.ok((await b.getRun(ref)).capabilities.delete);
      await b.perform(ref, 'unarchive');
      await b.perform(ref, 'archive');
      await b.perform(ref, 'delete');
      for (const [verb, n] of [[':terminate', 1], [':retry', 1], [':archive', 2], [':unarchive', 1]] as const) {
        assert.strictEqual(sb.requests.count('kfp', 'POST', `${verb}$`), n, verb);
      }
      assert.strictEqual(sb.requests.count('kfp', 'DELETE'), 1);
    });

    it('checks a create body before sending anything', async () => {
      sb.requests.clear();
      for (const body of [null, [], { pipeline_spec: {} }, { display_name: 'x' }, { display_name: 'x', pipeline_version_reference: {} }]) {
        await assert.rejects(b.createRun({ body }), (e: unknown) => e instanceof BackendError && e.code === 'rejected');
      }
      assert.strictEqual(sb.requests.count('kfp', 'POST'), 0);
      const tpl = await b.createRunTemplate();
      assert.ok(tpl && typeof tpl === 'object' && 'display_name' in tpl);
    });

    it('streams state and task changes by polling until the run ends', async () => {
      const ref = await b.createRun({ body: { display_name: 'watched', pipeline_spec: { root: {} } } });
      const ctl = new AbortController();
      const events: OutputEvent[] = [];
      const ticker = setInterval(() => sb.clock.advance(5_000), 10);
      try {
        for await (const e of eachEvent(b.streamOutput(ref, { signal: ctl.signal }))) events.push(e);
      } finally {
        clearInterval(ticker);
      }
      const states = events.filter((e) => e.type === 'state').map((e) => (e.data as { state: string }).state);
      assert.strictEqual(states[states.length - 1], 'SUCCEEDED');
      assert.ok(events.some((e) => e.type === 'task'));
      // Polling is one run GET (+ one task list with the tasks API) per tick, never one call per task.
      const runGets = sb.requests.count('kfp', 'GET', `/runs/${ref.runId}$`);
      const taskLists = sb.requests.count('kfp', 'GET', '/tasks$');
      assert.ok(withTasksApi ? taskLists <= runGets : taskLists <= 1);
    });

    it('stream and wait stop on abort', async () => {
      const ref = await b.createRun({ body: { display_name: 'aborted-watch', pipeline_spec: { root: {} } } });
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 100);
      const seen: OutputEvent[] = [];
      for await (const e of eachEvent(b.streamOutput(ref, { signal: ctl.signal }))) seen.push(e);
      assert.ok(seen.length >= 1);
      const c2 = new AbortController();
      setTimeout(() => c2.abort(), 100);
      await assert.rejects(b.waitForRun(ref, c2.signal), (e: unknown) => e instanceof BackendError && e.code === 'aborted');
    });

    it('waits for a run to end', async () => {
      const ref = await b.createRun({ body: { display_name: 'waited', pipeline_spec: { root: {} } } });
      const ticker = setInterval(() => sb.clock.advance(5_000), 10);
      try {
        const done = await b.waitForRun(ref);
        assert.strictEqual(done.state.status, 'succeeded');
      } finally {
        clearInterval(ticker);
      }
    });

    it('test connection, web URL, no interrupts', async () => {
      assert.match((await b.testConnection()).summary, /^KFP at http:\/\/127\.0\.0\.1:\d+: \d+ runs$/);
      assert.match(b.webUrl({ backendId: 'x', runId: 'r 1' }) ?? '', /\/#\/runs\/details\/r%201$/);
      assert.strictEqual(await b.getInterrupt(), undefined);
      await assert.rejects(b.resume(), (e: unknown) => e instanceof BackendError && e.code === 'unsupported');
    });

    it('unknown states stay raw with an unknown status; missing fields do not break the tree', async () => {
      const allRuns = await group(b, 'All Runs');
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/runs$' }, count: 1, fault: { unknownStatus: true } });
      const odd = await b.listChildren(allRuns, { pageSize: 5 });
      assert.ok(odd.items.length > 0 && odd.items.every((n) => n.run?.state.status === 'unknown' && n.run.state.raw !== ''));
      assert.ok(odd.items.every((n) => !n.run?.capabilities.cancel && !n.run?.capabilities.retry));
      sb.faults.add('kfp', { match: { method: 'GET', path: '^/apis/v2beta1/runs$' }, count: 1, fault: { missingFields: true } });
      const bare = await b.listChildren(allRuns, { pageSize: 5 });
      assert.ok(bare.items.every((n) => typeof n.label === 'string' && n.label.length > 0));
    });

    it('an error node reason: 404 run', async () => {
      await assert.rejects(b.getRun({ backendId: 'x', runId: 'nope' }), (e: unknown) => e instanceof BackendError && e.code === 'not-found' && /404 Not Found — .*nope/.test(e.message));
    });
  });
}

describe('kfp/backend pod logs from the API server', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ seed: 4, runs: 10 });
  });
  after(async () => sb?.close());

  it('says the base URL must be the KFP UI when /k8s/pod/logs is missing', async () => {
    const b = kfpBackend(sb.urls.kfp, { token: sb.kfpToken });
    const runs = await all(b, await group(b, 'All Runs'));
    const done = runs.find((n) => n.run?.state.status === 'succeeded') as BackendNode;
    const task = (await all(b, done)).find((n) => n.task?.podName) ?? (await all(b, (await all(b, done)).find((n) => n.expandable) as BackendNode)).find((n) => n.task?.podName);
    assert.ok(task?.task);
    sb.faults.add('kfp', { match: { method: 'GET', path: '^/k8s/pod/logs$' }, count: 1, fault: { status: 404, body: '404 page not found', contentType: 'text/plain' } });
    await assert.rejects(b.getLog({ backendId: 'x', runId: done.run?.runId as string }, task?.task?.id), (e: unknown) => e instanceof BackendError && e.code === 'unsupported' && /KFP UI/.test(e.message));
  });
});
