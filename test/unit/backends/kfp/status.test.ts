import * as assert from 'assert';
import { RUN_STATUSES } from '../../../../src/core';
import { RUN_STATE_TABLE, runCapabilities, runState, taskState } from '../../../../src/backends/kfp';
import { runFilter, topLevelTasks, kfpTime, toRun } from '../../../../src/backends/kfp/adapter';
import { rawRunStates } from '../../../../src/backends/kfp/status';
import type { Task } from '../../../../src/core';

describe('kfp/status', () => {
  const expected: Array<[string, string]> = [
    ['RUNTIME_STATE_UNSPECIFIED', 'unknown'], ['PENDING', 'queued'], ['RUNNING', 'running'], ['SUCCEEDED', 'succeeded'],
    ['SKIPPED', 'skipped'], ['FAILED', 'failed'], ['CANCELING', 'canceling'], ['CANCELED', 'canceled'], ['PAUSED', 'paused'],
  ];
  for (const [raw, status] of expected) {
    it(`maps run state ${raw} to ${status}, keeping the raw value`, () => {
      assert.deepStrictEqual(runState(raw), { status, raw });
    });
  }

  it('covers every RuntimeState of the spec', () => {
    assert.deepStrictEqual(Object.keys(RUN_STATE_TABLE).sort(), expected.map(([r]) => r).sort());
    for (const s of Object.values(RUN_STATE_TABLE)) assert.ok((RUN_STATUSES as readonly string[]).includes(s));
  });

  it('maps task states including CACHED', () => {
    for (const [raw, status] of [['RUNNING', 'running'], ['SUCCEEDED', 'succeeded'], ['SKIPPED', 'skipped'], ['FAILED', 'failed'], ['CACHED', 'skipped']]) {
      assert.deepStrictEqual(taskState(raw), { status, raw });
    }
  });

  it('shows unknown strings raw with an unknown status', () => {
    assert.deepStrictEqual(runState('EXPLODED'), { status: 'unknown', raw: 'EXPLODED' });
    assert.deepStrictEqual(runState(undefined), { status: 'unknown', raw: '' });
  });

  describe('capabilities', () => {
    const caps = (raw: string, archived = false) => runCapabilities(runState(raw), archived);
    it('terminate while pending, running or paused', () => {
      for (const raw of ['PENDING', 'RUNNING', 'PAUSED']) assert.ok(caps(raw).cancel, raw);
      for (const raw of ['CANCELING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'SKIPPED']) assert.ok(!caps(raw).cancel, raw);
    });
    it('retry after failure or termination', () => {
      assert.ok(caps('FAILED').retry && caps('CANCELED').retry);
      assert.ok(!caps('SUCCEEDED').retry && !caps('RUNNING').retry);
    });
    it('archive before delete', () => {
      assert.deepStrictEqual([caps('SUCCEEDED').archive, caps('SUCCEEDED').unarchive, caps('SUCCEEDED').delete], [true, false, false]);
      assert.deepStrictEqual([caps('SUCCEEDED', true).archive, caps('SUCCEEDED', true).unarchive, caps('SUCCEEDED', true).delete], [false, true, true]);
    });
    it('no resume or stream; wait only while not terminal', () => {
      assert.ok(!caps('RUNNING').resume && !caps('RUNNING').stream);
      assert.ok(caps('RUNNING').wait && !caps('SUCCEEDED').wait);
      assert.ok(caps('RUNNING').tasks && caps('RUNNING').logs);
    });
  });
});

describe('kfp/adapter', () => {
  it('treats the epoch as no time', () => {
    assert.strictEqual(kfpTime('1970-01-01T00:00:00Z'), undefined);
    assert.strictEqual(kfpTime('2024-01-02T03:04:05Z')?.toISOString(), '2024-01-02T03:04:05.000Z');
  });

  it('maps a run, its failure text and archive state', () => {
    const r = toRun({
      run_id: 'r1', display_name: 'train', experiment_id: 'e1', storage_state: 'ARCHIVED', state: 'FAILED', created_at: '2024-01-01T00:00:00Z',
      finished_at: '2024-01-01T00:10:00Z', state_history: [{ state: 'RUNNING', update_time: '2024-01-01T00:01:00Z' }, { state: 'FAILED', error: { message: 'OOMKilled' } }],
    }, 'b');
    assert.strictEqual(r.name, 'train');
    assert.strictEqual(r.archived, true);
    assert.strictEqual(r.message, 'OOMKilled');
    assert.strictEqual(r.startedAt?.toISOString(), '2024-01-01T00:01:00.000Z');
    assert.ok(r.capabilities.delete && r.capabilities.retry);
  });

  it('nests tasks under the ROOT task or missing parents', () => {
    const t = (id: string, parentId?: string): Task => ({ id, runId: 'r', parentId, name: id, state: { status: 'running', raw: 'RUNNING' } });
    const tasks = [t('root'), t('a', 'root'), t('b', 'root'), t('c', 'a'), t('orphan', 'gone')];
    assert.deepStrictEqual(topLevelTasks(tasks, new Map([['root', 'ROOT']])).map((x) => x.id), ['a', 'b', 'orphan']);
    assert.deepStrictEqual(topLevelTasks(tasks).map((x) => x.id), ['root', 'orphan']);
  });

  it('builds filter predicates from the user filter', () => {
    assert.deepStrictEqual(runFilter({ text: 'train', statuses: ['running', 'failed'] }, false), {
      predicates: [
        { key: 'storage_state', operation: 'EQUALS', string_value: 'AVAILABLE' },
        { key: 'display_name', operation: 'IS_SUBSTRING', string_value: 'train' },
        { key: 'state', operation: 'IN', string_values: { values: ['RUNNING', 'FAILED'] } },
      ],
    });
    assert.deepStrictEqual(rawRunStates(['queued']), ['PENDING']);
  });
});
