import * as assert from 'assert';
import { ACP_AGENTS, startSandbox, type Sandbox } from '../../../src/sandbox';
import { assertValid, loadSpec, requestValidator, responseValidator } from '../../support/contract';
import { call, sse } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;
const approver = ACP_AGENTS.find((a) => a.name === 'echo-approver')?.id as string;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** Every ACP seed route (002), validated against acp-spec v0.1 (ae7a9bd), SSE events included. */
describe('contract: acp sandbox vs ACP v0.1 OpenAPI', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const spec = (): ReturnType<typeof loadSpec> => loadSpec('acp/openapi.v0.1.acp-spec-ae7a9bd.yaml');
  before(async () => {
    sb = await startSandbox({ seed: 6, runs: 10 });
  });
  after(() => sb.close());

  const check = async (method: string, template: string, url: string, body?: unknown, validateRequest = true): Promise<Json> => {
    const r = await call(`${sb.urls.acp}${url.replace(/^\//, '')}`, { method, body });
    if (body !== undefined && validateRequest) assertValid(requestValidator(spec(), method, template), body, 'request');
    assertValid(responseValidator(spec(), method, template, r.status), r.json ?? (r.text || undefined), `${method} ${url} ${r.status}`);
    return r.json as Json;
  };

  it('agents: search, get, descriptor (the descriptor schemas compile)', async () => {
    const agents = (await check('POST', '/agents/search', '/agents/search', { limit: 10 })) as unknown as Json[];
    assert.strictEqual(agents.length, ACP_AGENTS.length);
    await check('POST', '/agents/search', '/agents/search', { limit: 0 }, false);
    await check('GET', '/agents/{agent_id}', `/agents/${approver}`);
    await check('GET', '/agents/{agent_id}', `/agents/${MISSING}`);
    await check('GET', '/agents/{agent_id}/descriptor', `/agents/${approver}/descriptor`);
  });

  it('runs: create, get, search, output (204, interrupt, result), stream, resume, delete, with errors', async () => {
    const run = await check('POST', '/runs', '/runs', { agent_id: approver, input: { topic: 'contract' }, config: { model: 'm' }, metadata: { k: 1 }, streaming: 'custom' });
    await check('POST', '/runs', '/runs', { agent_id: MISSING });
    await check('POST', '/runs', '/runs', { agent_id: approver, streaming: 'values' }, false);
    const id = String(run.run_id);
    await check('GET', '/runs/{run_id}', `/runs/${id}`);
    await check('GET', '/runs/{run_id}', `/runs/${MISSING}`);
    await check('GET', '/runs/{run_id}/output', `/runs/${id}/output`);
    await check('POST', '/runs/{run_id}', `/runs/${id}`, { approved: true });
    const s = await sse(`${sb.urls.acp}runs/${id}/stream`, { onEvent: () => sb.clock.advance(500) });
    assert.ok(s.events.length > 0);
    const streamSchema = responseValidator(spec(), 'GET', '/runs/{run_id}/stream', 200, 'text/event-stream');
    for (const e of s.events) assertValid(streamSchema, { id: e.id, event: e.event, data: JSON.parse(e.data) as unknown }, 'SSE event');
    await check('GET', '/runs/{run_id}/stream', `/runs/${MISSING}/stream`);
    await check('GET', '/runs/{run_id}/output', `/runs/${id}/output`);
    await check('POST', '/runs/{run_id}', `/runs/${id}`, { approved: 'maybe' });
    await check('POST', '/runs/{run_id}', `/runs/${id}`, { approved: false, comment: 'no' });
    sb.clock.advance(10_000);
    await check('GET', '/runs/{run_id}/output', `/runs/${id}/output?block_timeout=1`);
    await check('GET', '/runs/{run_id}/stream', `/runs/${id}/stream`);
    await check('POST', '/runs/search', '/runs/search', { agent_id: approver, status: 'success', limit: 5, offset: 0 });
    await check('POST', '/runs/search', '/runs/search', { status: 'cancelled' }, false);
    await check('DELETE', '/runs/{run_id}', `/runs/${id}`);
    await check('DELETE', '/runs/{run_id}', `/runs/${id}`);
    const seeded = (await call(`${sb.urls.acp}runs/search`, { body: { limit: 100 } })).json as Json[];
    for (const r of seeded) await check('GET', '/runs/{run_id}/output', `/runs/${String(r.run_id)}/output`);
  });
});
