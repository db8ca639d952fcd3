import * as assert from 'assert';
import { icaState, runCapabilities } from '../../../../src/backends/ica';
import { attemptLog, listFilter, toAttempt, toRun } from '../../../../src/backends/ica/adapter';

describe('ica/status', () => {
  const expected: Array<[string, string]> = [
    ['Pending', 'queued'], ['CheckedOut', 'queued'], ['Runnable', 'queued'], ['Running', 'running'], ['Finalizing', 'running'],
    ['FailedRestartable', 'running'], ['Completed', 'succeeded'], ['Failed', 'failed'], ['Aborted', 'canceled'], ['TimedOut', 'timed-out'],
  ];
  for (const [raw, status] of expected) {
    it(`maps ${raw} to ${status}, keeping the raw value`, () => {
      assert.deepStrictEqual(icaState(raw), { status, raw });
    });
  }

  it('is case-insensitive and keeps unknown text raw', () => {
    assert.strictEqual(icaState('COMPLETED').status, 'succeeded');
    assert.deepStrictEqual(icaState('Exploded'), { status: 'unknown', raw: 'Exploded' });
    assert.deepStrictEqual(icaState(undefined), { status: 'queued', raw: 'Pending' });
  });

  it('abort only while Pending or Running (not finalizing); nothing else', () => {
    assert.ok(runCapabilities(icaState('Pending')).cancel && runCapabilities(icaState('Running')).cancel);
    for (const raw of ['Finalizing', 'Completed', 'Failed', 'Aborted', 'TimedOut']) assert.ok(!runCapabilities(icaState(raw)).cancel, raw);
    const c = runCapabilities(icaState('Running'));
    assert.deepStrictEqual([c.retry, c.archive, c.delete, c.resume, c.stream, c.tasks, c.logs, c.wait], [false, false, false, false, false, false, true, true]);
  });
});

describe('ica/adapter', () => {
  const run = {
    id: 'tr1', name: 'align', status: 'Failed', statusDetails: 'exit 1', timeCreated: '2024-01-01T00:00:00Z',
    logs: [
      { startTime: '2024-01-01T00:01:00Z', endTime: '2024-01-01T00:02:00Z', stdout: 'try 1', error: 'OOM' },
      { startTime: '2024-01-01T00:03:00Z', endTime: '2024-01-01T00:04:00Z', stdout: 'try 2', stderr: 'boom' },
    ],
  };

  it('maps a task run with attempts', () => {
    const r = toRun(run, 'b');
    assert.strictEqual(r.runId, 'tr1');
    assert.strictEqual(r.message, 'exit 1');
    assert.strictEqual(r.startedAt?.toISOString(), '2024-01-01T00:01:00.000Z');
    assert.strictEqual(r.finishedAt?.toISOString(), '2024-01-01T00:04:00.000Z');
    assert.deepStrictEqual(toAttempt(run, 0).state, { status: 'failed', raw: 'Failed' });
    assert.deepStrictEqual(toAttempt(run, 1).state, { status: 'failed', raw: 'Failed' });
    assert.strictEqual(toAttempt(run, 0).message, 'OOM');
    assert.strictEqual(attemptLog(run, 1), 'try 2\n--- stderr ---\nboom');
  });

  it('builds list filters', () => {
    assert.deepStrictEqual(listFilter({ text: 'al', statuses: ['running', 'canceled'] }), { names: 'al', status: 'Running,Finalizing,FailedRestartable,Aborted' });
    assert.deepStrictEqual(listFilter(undefined), { names: undefined, status: undefined });
  });
});
