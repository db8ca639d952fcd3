import * as assert from 'assert';
import { loadSpec, matchTemplate, parametersValidator, requestValidator, responseValidator, SPEC_PATCHES } from '../../support/contract';

/** The contract helper itself: it must reject what the specs reject, or the contract tests prove nothing. */
describe('contract helper (test/support/contract.ts)', () => {
  it('rejects wrong enum values, types and int64 strings in Swagger 2.0 documents', () => {
    const spec = loadSpec('kfp/run.swagger.master-7b70c7b.json');
    const v = responseValidator(spec, 'GET', '/apis/v2beta1/runs/{run_id}', 200);
    assert.ok(v.validate({ run_id: 'a', state: 'RUNNING', created_at: '2026-01-01T00:00:00Z' }).valid);
    assert.ok(!v.validate({ run_id: 'a', state: 'BOGUS' }).valid);
    assert.ok(!v.validate({ run_id: 'a', created_at: 'yesterday' }).valid);
    assert.ok(!v.validate({ run_details: { pipeline_context_id: 'x12' } }).valid, 'int64 must be a decimal string');
    assert.ok(responseValidator(spec, 'GET', '/apis/v2beta1/runs/{run_id}', 404).validate({ code: 5, message: 'm', details: [] }).valid, 'falls back to default');
    assert.ok(!responseValidator(spec, 'GET', '/apis/v2beta1/runs/{run_id}', 404).validate({ code: '5' }).valid);
  });

  it('validates OpenAPI 3.1 request and response bodies, and 204 bodies', () => {
    const acp = loadSpec('acp/openapi.v0.1.acp-spec-ae7a9bd.yaml');
    const run = responseValidator(acp, 'GET', '/runs/{run_id}', 200);
    assert.ok(!run.validate({ run_id: '7d2e4b18-9c3a-4f6e-8b21-5a0d9e3c7f02', agent_id: '7d2e4b18-9c3a-4f6e-8b21-5a0d9e3c7f02', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', status: 'pending' }).valid, 'creation is required');
    assert.ok(responseValidator(acp, 'GET', '/runs/{run_id}', 404).validate('Run not found').valid);
    assert.ok(!requestValidator(acp, 'POST', '/runs').validate({ input: {} }).valid, 'agent_id is required');
    const out = responseValidator(acp, 'GET', '/runs/{run_id}/output', 204);
    assert.ok(out.validate(undefined).valid && !out.validate({}).valid);
  });

  it('applies the named patches (and can leave them out)', () => {
    const body = { agent_id: 'a', input: {}, stream_mode: ['values'] };
    const patched = loadSpec('agent-protocol/openapi.main-d9fd23d.json');
    assert.deepStrictEqual(patched.patches, ['ap-runstream-required']);
    assert.ok(requestValidator(patched, 'POST', '/runs').validate(body).valid);
    const raw = loadSpec('agent-protocol/openapi.main-d9fd23d.json', { patches: false });
    assert.ok(!requestValidator(raw, 'POST', '/runs').validate(body).valid, 'the upstream bug is real');
    assert.ok(Object.values(SPEC_PATCHES).every((p) => p.why.length > 40));
  });

  it('matches concrete paths to templates and validates parameters', () => {
    const kfp = loadSpec('kfp/run.swagger.tasks-api-42ff24e.json');
    assert.strictEqual(matchTemplate(kfp, 'POST', '/apis/v2beta1/runs/abc:archive'), '/apis/v2beta1/runs/{run_id}:archive');
    assert.strictEqual(matchTemplate(kfp, 'POST', '/apis/v2beta1/tasks:batchUpdate'), '/apis/v2beta1/tasks:batchUpdate');
    const ica = loadSpec('ica/tes.swagger.libica-a01ed69.json');
    const p = parametersValidator(ica, 'GET', '/v1/tasks/runs');
    assert.ok(p.validate({ query: { pageSize: '10', sort: 'timeCreated desc' } }).valid);
    assert.ok(!p.validate({ query: { pageSize: 'ten' } }).valid);
  });
});
