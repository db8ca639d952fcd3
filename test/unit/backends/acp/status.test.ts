import * as assert from 'assert';
import { ACP_STATUS, acpCapabilities, acpState, acpStatusesFor } from '../../../../src/backends/acp/status';
import { toInterrupt } from '../../../../src/backends/acp/adapter';
import { errorMessage, inputSkeleton } from '../../../../src/backends/acp/util';
import type { AgentACPDescriptor } from '../../../../src/backends/acp/wire';

describe('acp status mapping and adapter', () => {
  it('maps every RunStatus, keeping the raw string; unknown strings stay visible', () => {
    assert.deepStrictEqual(
      Object.keys(ACP_STATUS).map((s) => acpState(s)),
      [
        { status: 'running', raw: 'pending' },
        { status: 'needs-input', raw: 'interrupted' },
        { status: 'succeeded', raw: 'success' },
        { status: 'failed', raw: 'error' },
        { status: 'timed-out', raw: 'timeout' },
      ],
    );
    assert.deepStrictEqual(acpState('cancelled'), { status: 'unknown', raw: 'cancelled' });
    assert.deepStrictEqual(acpStatusesFor(['failed', 'timed-out']), ['error', 'timeout']);
  });

  it('offers delete always, resume when interrupted, wait while pending, never cancel', () => {
    const caps = (raw: string) => acpCapabilities(acpState(raw));
    assert.deepStrictEqual([caps('pending').wait, caps('pending').cancel, caps('pending').delete, caps('pending').resume], [true, false, true, false]);
    assert.deepStrictEqual([caps('interrupted').resume, caps('success').resume, caps('success').wait], [true, false, false]);
  });

  it('reads the interrupt type from the schema place, the README place and the example typo', () => {
    const descriptor = { metadata: { ref: { name: 'a', version: '1' }, description: '' }, specs: { capabilities: {}, input: {}, output: {}, config: {}, interrupts: [{ interrupt_type: 'approval', interrupt_payload: {}, resume_payload: { type: 'object' } }, { interrupt_type: 'question', interrupt_payload: {}, resume_payload: { type: 'string' } }] } } as AgentACPDescriptor;
    assert.deepStrictEqual(toInterrupt({ type: 'interrupt', interrupt: { interrupt_type: 'question', q: 1 } }, descriptor), { type: 'question', payload: { interrupt_type: 'question', q: 1 }, resumeSchema: { type: 'string' } });
    assert.strictEqual(toInterrupt({ type: 'interrupt', interrupt: { interruput_type: 'approval' } }, descriptor)?.type, 'approval');
    assert.strictEqual(toInterrupt({ type: 'interrupt', interrupt: {}, interrupt_type: 'question', interrupt_payload: { q: 2 } }, descriptor)?.type, 'question');
    const single = { ...descriptor, specs: { ...descriptor.specs, interrupts: [descriptor.specs.interrupts![0]] } };
    assert.deepStrictEqual(toInterrupt({ type: 'interrupt', interrupt: { x: 1 } }, single), { type: 'approval', payload: { x: 1 }, resumeSchema: { type: 'object' } });
    assert.strictEqual(toInterrupt({ type: 'result', run_id: 'r', status: 'success', result: {} }, descriptor), undefined);
  });

  it('extracts plain-string and FastAPI errors and builds input skeletons from schemas', () => {
    assert.strictEqual(errorMessage('Run not found'), 'Run not found');
    assert.strictEqual(errorMessage({ detail: [{ msg: 'field required' }] }), 'field required');
    assert.strictEqual(errorMessage({}), undefined);
    assert.deepStrictEqual(inputSkeleton({ properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'object', properties: { d: { type: 'boolean' } } }, e: { enum: ['x', 'y'] }, f: { default: 7 }, g: {} } }), { a: '', b: 0, c: { d: false }, e: 'x', f: 7, g: null });
  });
});
