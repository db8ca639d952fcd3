import * as assert from 'assert';
import { LG_RUN_STATUS, LG_THREAD_STATUS, lgCapabilities, lgRunState, lgRunStatusesFor, lgThreadState, lgThreadStatusesFor } from '../../../../src/backends/langgraph/status';
import { threadInterrupts, toInterrupt } from '../../../../src/backends/langgraph/adapter';
import { errorMessage } from '../../../../src/backends/langgraph/util';

describe('langgraph status mapping', () => {
  it('maps every run status, keeping the raw string', () => {
    assert.deepStrictEqual(
      Object.keys(LG_RUN_STATUS).map((s) => lgRunState(s)),
      [
        { status: 'queued', raw: 'pending' },
        { status: 'running', raw: 'running' },
        { status: 'succeeded', raw: 'success' },
        { status: 'failed', raw: 'error' },
        { status: 'timed-out', raw: 'timeout' },
        { status: 'canceled', raw: 'interrupted' },
      ],
    );
    assert.deepStrictEqual(lgRunState('exploded'), { status: 'unknown', raw: 'exploded' });
    assert.deepStrictEqual(lgRunState(undefined), { status: 'unknown', raw: '' });
  });

  it('maps every thread status', () => {
    assert.deepStrictEqual(
      Object.keys(LG_THREAD_STATUS).map((s) => lgThreadState(s)),
      [
        { status: 'succeeded', raw: 'idle' },
        { status: 'running', raw: 'busy' },
        { status: 'needs-input', raw: 'interrupted' },
        { status: 'failed', raw: 'error' },
      ],
    );
  });

  it('turns domain filters into raw statuses', () => {
    assert.deepStrictEqual(lgRunStatusesFor(['running', 'queued']), ['pending', 'running']);
    assert.deepStrictEqual(lgThreadStatusesFor(['needs-input']), ['interrupted']);
  });

  it('computes capabilities from run and thread status', () => {
    assert.deepStrictEqual(lgCapabilities('running', 'busy'), { cancel: true, retry: false, archive: false, unarchive: false, delete: false, resume: false, stream: true, wait: true, logs: false, tasks: false });
    assert.strictEqual(lgCapabilities('success', 'interrupted').resume, true);
    assert.strictEqual(lgCapabilities('success', 'idle').resume, false);
    assert.strictEqual(lgCapabilities('pending', 'interrupted').resume, false);
  });

  it('reads interrupts from the thread, else from state tasks; several become a list', () => {
    const one = [{ id: 'a', value: { q: 1 } }];
    assert.deepStrictEqual(threadInterrupts({ thread_id: 't', created_at: '', updated_at: '', interrupts: { task: one } }, undefined), one);
    const state = { values: {}, next: ['review'], tasks: [{ id: 'x', name: 'review', interrupts: [{ id: 'a', value: 1 }, { id: 'b', value: 2 }] }] };
    const list = threadInterrupts({ thread_id: 't', created_at: '', updated_at: '', interrupts: {} }, state);
    assert.deepStrictEqual(toInterrupt(list, state), { type: 'review', payload: [{ id: 'a', value: 1 }, { id: 'b', value: 2 }] });
    assert.strictEqual(toInterrupt([], state), undefined);
  });

  it('extracts messages from zod, detail and text errors', () => {
    assert.strictEqual(errorMessage({ success: false, error: { issues: [{ path: ['run_id'], message: 'Invalid uuid' }] } }), 'run_id: Invalid uuid');
    assert.strictEqual(errorMessage({ detail: 'Thread busy' }), 'Thread busy');
    assert.strictEqual(errorMessage('Run not found'), 'Run not found');
    assert.strictEqual(errorMessage(42), undefined);
  });
});
