import * as assert from 'assert';
import { AP_RUN_STATUS, AP_THREAD_STATUS, apCapabilities, apRunState, apThreadState } from '../../../../src/backends/agent-protocol/status';
import { findInterrupt } from '../../../../src/backends/agent-protocol/adapter';
import { errorMessage, runStreamProblem } from '../../../../src/backends/agent-protocol/util';

describe('agent-protocol status mapping and adapter', () => {
  it('maps every run status (and LangGraph-style running), keeping the raw string', () => {
    assert.deepStrictEqual(
      Object.keys(AP_RUN_STATUS).map((s) => apRunState(s)),
      [
        { status: 'running', raw: 'pending' },
        { status: 'running', raw: 'running' },
        { status: 'needs-input', raw: 'interrupted' },
        { status: 'succeeded', raw: 'success' },
        { status: 'failed', raw: 'error' },
        { status: 'timed-out', raw: 'timeout' },
      ],
    );
    assert.deepStrictEqual(apRunState('weird'), { status: 'unknown', raw: 'weird' });
  });

  it('maps every thread status', () => {
    assert.deepStrictEqual(
      Object.keys(AP_THREAD_STATUS).map((s) => apThreadState(s)),
      [
        { status: 'succeeded', raw: 'idle' },
        { status: 'running', raw: 'busy' },
        { status: 'needs-input', raw: 'interrupted' },
        { status: 'failed', raw: 'error' },
      ],
    );
  });

  it('drops cancel and resume once the server is known to lack them', () => {
    const all = { cancel: true, resume: true };
    assert.deepStrictEqual([apCapabilities(apRunState('pending'), all).cancel, apCapabilities(apRunState('pending'), all).delete], [true, false]);
    assert.strictEqual(apCapabilities(apRunState('interrupted'), all).resume, true);
    assert.strictEqual(apCapabilities(apRunState('interrupted'), { cancel: true, resume: false }).resume, false);
    assert.strictEqual(apCapabilities(apRunState('pending'), { cancel: false, resume: true }).cancel, false);
    assert.strictEqual(apCapabilities(apRunState('success'), all).delete, true);
  });

  it('finds interrupts in events, wait results and node updates', () => {
    assert.deepStrictEqual(findInterrupt('updates', { __interrupt__: [{ id: 'a', value: { q: 1 } }] }), { q: 1 });
    assert.deepStrictEqual(findInterrupt(undefined, { run: {}, values: { __interrupt__: [{ value: 1 }, { value: 2 }] } }), [1, 2]);
    assert.deepStrictEqual(findInterrupt('interrupt', { ask: 'x' }), { ask: 'x' });
    assert.deepStrictEqual(findInterrupt('values', { interrupt: { ask: 'y' } }), { ask: 'y' });
    assert.strictEqual(findInterrupt('values', { a: 1 }), undefined);
  });

  it('checks Create Run bodies and reads {code, message} errors', () => {
    assert.strictEqual(runStreamProblem({ stream_mode: ['values', 'custom'], metadata: {}, on_disconnect: 'continue' }), undefined);
    assert.match(runStreamProblem({ stream_mode: ['values', 'debug'] }) ?? '', /not "debug"/);
    assert.match(runStreamProblem({ thread_id: 3 }) ?? '', /"thread_id" must be a string/);
    assert.match(runStreamProblem({ if_not_exists: 'maybe' }) ?? '', /if_not_exists/);
    assert.strictEqual(errorMessage({ code: 'conflict', message: 'busy' }), 'busy (conflict)');
    assert.strictEqual(errorMessage({ detail: 'nope' }), 'nope');
    assert.strictEqual(errorMessage('plain'), 'plain');
  });
});
