import * as assert from 'assert';
import { startSandbox } from '../../../../src/sandbox';
import type { Sandbox } from '../../../../src/sandbox/types';
import { createBackend, type IcaBackend } from '../../../../src/backends/ica';
import { BackendError, NULL_LOGGER, type BackendNode, type OutputEvent } from '../../../../src/core';
import { icaBackend } from './helpers';
import { eachEvent } from '../../../support/events';

const BODY = { name: 'backend-test', execution: { image: { name: 'ubuntu' }, command: 'bash', args: ['-c', 'echo hi'] } };

async function all(b: IcaBackend, parent: BackendNode | undefined, pageSize = 50): Promise<BackendNode[]> {
  const out: BackendNode[] = [];
  let cursor: string | undefined;
  let n = 0;
  do {
    const page = await b.listChildren(parent, { pageSize, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor && ++n < 100);
  return out;
}

describe('ica/backend', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let b: IcaBackend;
  before(async () => {
    sb = await startSandbox({ seed: 5, runs: 30, speed: 1 });
    b = icaBackend(sb.urls.ica, sb.icaApiKey);
  });
  after(async () => sb?.close());

  it('is what createBackend builds', () => {
    const made = createBackend({ id: 'x', label: 'x', kind: 'ica', baseUrl: sb.urls.ica }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 1000 });
    assert.strictEqual(made.profile.kind, 'ica');
  });

  it('root: task runs newest first, paged', async () => {
    const first = await b.listChildren(undefined, { pageSize: 7 });
    assert.strictEqual(first.items.length, 7);
    assert.ok(first.next);
    const runs = await all(b, undefined, 7);
    assert.strictEqual(runs.length, first.total);
    assert.ok(runs.every((n) => n.type === 'run' && n.run?.kind === 'ica' && n.expandable));
    const times = runs.map((n) => n.run?.createdAt?.getTime() ?? 0);
    assert.deepStrictEqual(times, [...times].sort((x, y) => y - x));
  });

  it('filters by status', async () => {
    const runs = await all(b, undefined);
    const filtered = await b.listChildren(undefined, { pageSize: 100, filter: { statuses: ['succeeded'] } });
    assert.strictEqual(filtered.items.length, runs.filter((n) => n.run?.state.status === 'succeeded').length);
  });

  it('run > attempts, each with its stdout/stderr', async () => {
    const runs = await all(b, undefined);
    const withLogs = runs.filter((n) => n.run && ['succeeded', 'failed'].includes(n.run.state.status));
    let attempts: BackendNode[] = [];
    let owner: BackendNode | undefined;
    for (const r of withLogs) {
      attempts = await all(b, r);
      owner = r;
      if (attempts.length) break;
    }
    assert.ok(owner && attempts.length > 0);
    assert.ok(attempts.every((a) => a.type === 'attempt' && !a.expandable && a.task));
    const ref = { backendId: 'ica-test', runId: owner.run?.runId as string };
    const one = await b.getLog(ref, attempts[0].task?.id);
    const whole = await b.getLog(ref);
    assert.ok(whole.includes('=== Attempt 1 ==='));
    assert.ok(whole.includes(one.slice(0, 20)));
    await assert.rejects(b.getLog(ref, '99'), (e: unknown) => e instanceof BackendError && e.code === 'not-found');
  });

  it('creates, streams status and logs until the end, waits', async () => {
    const ref = await b.createRun({ body: BODY });
    const events: OutputEvent[] = [];
    const ticker = setInterval(() => sb.clock.advance(5_000), 10);
    try {
      for await (const e of eachEvent(b.streamOutput(ref, { signal: new AbortController().signal }))) events.push(e);
      const done = await b.waitForRun(ref);
      assert.ok(['succeeded', 'failed'].includes(done.state.status), done.state.raw);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(events.filter((e) => e.type === 'state').length >= 2);
    assert.ok(events.some((e) => e.type === 'stdout' || e.type === 'stderr'));
  });

  it('cancel is abort; the other actions are unsupported', async () => {
    const ref = await b.createRun({ body: BODY });
    const run = await b.getRun(ref);
    assert.ok(run.capabilities.cancel);
    await b.perform(ref, 'cancel');
    sb.clock.advance(5_000);
    const after = await b.getRun(ref);
    assert.ok(['canceled', 'canceling'].includes(after.state.status), after.state.raw);
    assert.ok(!after.capabilities.cancel);
    for (const a of ['retry', 'archive', 'unarchive', 'delete'] as const) {
      await assert.rejects(b.perform(ref, a), (e: unknown) => e instanceof BackendError && e.code === 'unsupported');
    }
  });

  it('checks a create body before sending', async () => {
    sb.requests.clear();
    for (const body of [null, 'x', {}, { execution: {} }, { taskId: 'a' }]) {
      await assert.rejects(b.createRun({ body }), (e: unknown) => e instanceof BackendError && e.code === 'rejected');
    }
    assert.strictEqual(sb.requests.count('ica', 'POST', '^/v1/tasks'), 0);
    assert.ok(await b.createRunTemplate());
  });

  it('unknown statuses stay raw; missing fields do not break the list', async () => {
    sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 1, fault: { unknownStatus: true } });
    const odd = await b.listChildren(undefined, { pageSize: 5 });
    assert.ok(odd.items.length > 0 && odd.items.every((n) => n.run?.state.status === 'unknown' && n.run.state.raw !== '' && !n.run.capabilities.cancel));
    sb.faults.add('ica', { match: { method: 'GET', path: '^/v1/tasks/runs$' }, count: 1, fault: { missingFields: true } });
    const bare = await b.listChildren(undefined, { pageSize: 5 });
    assert.ok(bare.items.every((n) => n.label.length > 0 && n.run?.state.raw === 'Pending'));
  });

  it('test connection; missing key asks for credentials', async () => {
    assert.match((await b.testConnection()).summary, /^ICA at http:\/\/127\.0\.0\.1:\d+: \d+ task runs$/);
    const noKey = icaBackend(sb.urls.ica, undefined);
    await assert.rejects(noKey.testConnection(), (e: unknown) => e instanceof BackendError && e.code === 'auth' && /Set Credentials/.test(e.message));
    assert.strictEqual(await b.getInterrupt(), undefined);
  });
});
