import * as assert from 'assert';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { assertValid, loadSpec, requestValidator, responseValidator, type Spec } from '../../support/contract';
import { call, sse } from '../../support/sandboxHttp';

type Json = Record<string, unknown>;
const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Every Agent Protocol seed route (003 + 004) and POST /runs/search: each validated against the file that
 * has it (main d9fd23d; PR #55 47dcc84 for POST /runs/{id}/stream|wait; e542994 for GET /threads/{id}/runs).
 */
describe('contract: agent-protocol sandbox vs Agent Protocol OpenAPI', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const main = (): Spec => loadSpec('agent-protocol/openapi.main-d9fd23d.json');
  const pr55 = (): Spec => loadSpec('agent-protocol/openapi.pr55-resume-47dcc84.json');
  const e542 = (): Spec => loadSpec('agent-protocol/openapi.threads-runs-list-e542994.json');
  before(async () => {
    sb = await startSandbox({ seed: 8, runs: 12 });
  });
  after(() => sb.close());

  const check = async (spec: Spec, method: string, template: string, url: string, body?: unknown, validateRequest = true): Promise<unknown> => {
    // Deleting a pending run or cancelling a finished one answers 409, a status the spec does not declare.
    const r = await call(`${sb.urls.agentProtocol}${url.replace(/^\//, '')}`, { method, body });
    if (body !== undefined && validateRequest) assertValid(requestValidator(spec, method, template), body, 'request');
    const declared = String(r.status) in ((((spec.doc.paths as Json)[template] as Json)[method.toLowerCase()] as Json).responses as Json);
    // 409 for cancelling a finished run is undeclared (the spec lists 204/404/422): its body must still be an ErrorResponse.
    if (!declared) assert.strictEqual(r.status, 409, `${method} ${url}: undeclared status ${r.status}`);
    assertValid(responseValidator(spec, method, template, declared ? r.status : 404), r.json ?? (r.text || undefined), `${method} ${url} ${r.status}`);
    return r.json;
  };
  const sseCheck = async (spec: Spec, method: string, template: string, url: string, body?: unknown): Promise<void> => {
    if (body !== undefined) assertValid(requestValidator(spec, method, template), body, 'request');
    const s = await sse(`${sb.urls.agentProtocol}${url.replace(/^\//, '')}`, { method, body, onEvent: () => sb.clock.advance(600) });
    assert.strictEqual(s.status, 200);
    assert.match(String(s.contentType), /^text\/event-stream/);
    // The spec gives the stream as an SSE string; what can be checked: framing, ids, JSON data, metadata first.
    assert.ok(s.events.length > 0 && s.events.every((e) => e.id !== undefined && e.event !== undefined));
    for (const e of s.events) JSON.parse(e.data);
  };

  it('background runs: create, get, wait, join stream, cancel, delete, with errors', async () => {
    const run = (await check(main(), 'POST', '/runs', '/runs', { agent_id: 'research-assistant', input: { topic: 'c' }, metadata: { k: 'v' }, stream_mode: ['values', 'updates'], on_disconnect: 'continue' })) as Json;
    await check(main(), 'POST', '/runs', '/runs', { agent_id: 'no-such-agent' });
    await check(main(), 'POST', '/runs', '/runs', { agent_id: 'approver', stream_mode: 'bogus' }, false);
    const id = String(run.run_id);
    await check(main(), 'GET', '/runs/{run_id}', `/runs/${id}`);
    await check(main(), 'GET', '/runs/{run_id}', `/runs/${MISSING}`);
    await check(main(), 'DELETE', '/runs/{run_id}', `/runs/${id}`); // pending: 409, "cancel it first"
    await sseCheck(main(), 'GET', '/runs/{run_id}/stream', `/runs/${id}/stream`);
    await check(main(), 'GET', '/runs/{run_id}/stream', `/runs/${MISSING}/stream`);
    await check(main(), 'GET', '/runs/{run_id}/wait', `/runs/${id}/wait`);
    await check(main(), 'GET', '/runs/{run_id}/wait', `/runs/${MISSING}/wait`);
    await check(main(), 'POST', '/runs/{run_id}/cancel', `/runs/${id}/cancel`);
    const other = (await check(main(), 'POST', '/runs', '/runs', { agent_id: 'research-assistant' })) as Json;
    await check(main(), 'POST', '/runs/{run_id}/cancel', `/runs/${String(other.run_id)}/cancel?wait=true&action=interrupt`);
    await check(main(), 'POST', '/runs/{run_id}/cancel', `/runs/${String(other.run_id)}/cancel?action=explode`);
    await check(main(), 'DELETE', '/runs/{run_id}', `/runs/${id}`);
    await check(main(), 'DELETE', '/runs/{run_id}', `/runs/${id}`);
  });

  it('create-and-stream, create-and-wait, search', async () => {
    await sseCheck(main(), 'POST', '/runs/stream', '/runs/stream', { agent_id: 'research-assistant', stream_mode: ['values', 'messages', 'custom'] });
    await check(main(), 'POST', '/runs/stream', '/runs/stream', { agent_id: 'no-such-agent' });
    const timer = setInterval(() => sb.clock.advance(600), 20);
    try {
      await check(main(), 'POST', '/runs/wait', '/runs/wait', { agent_id: 'research-assistant', input: { topic: 'w' } });
      await check(main(), 'POST', '/runs/wait', '/runs/wait', { agent_id: 'approver' });
    } finally {
      clearInterval(timer);
    }
    await check(main(), 'POST', '/runs/wait', '/runs/wait', { agent_id: 'no-such-agent' });
    await check(main(), 'POST', '/runs/search', '/runs/search', { status: 'interrupted', limit: 50 });
    await check(main(), 'POST', '/runs/search', '/runs/search', { limit: 5000 }, false);
  });

  it('resume (PR #55): update-and-stream and update-and-wait, 409 when not interrupted', async () => {
    const run = (await check(pr55(), 'POST', '/runs', '/runs', { agent_id: 'approver', stream_mode: ['updates'] })) as Json;
    const id = String(run.run_id);
    await check(pr55(), 'POST', '/runs/{run_id}/stream', `/runs/${id}/stream`, { command: { resume: { approved: true } } });
    sb.clock.advance(30_000);
    await sseCheck(pr55(), 'POST', '/runs/{run_id}/stream', `/runs/${id}/stream`, { command: { resume: { approved: true } } });
    const run2 = (await check(pr55(), 'POST', '/runs', '/runs', { agent_id: 'approver' })) as Json;
    sb.clock.advance(30_000);
    const timer = setInterval(() => sb.clock.advance(600), 20);
    try {
      await check(pr55(), 'POST', '/runs/{run_id}/wait', `/runs/${String(run2.run_id)}/wait`, { command: { resume: { approved: false } } });
    } finally {
      clearInterval(timer);
    }
    await check(pr55(), 'POST', '/runs/{run_id}/wait', `/runs/${MISSING}/wait`, { command: { resume: 1 } });
  });

  it('thread runs list (e542994), with a 404 for an unknown thread', async () => {
    const runs = (await call(`${sb.urls.agentProtocol}runs/search`, { body: { limit: 100 } })).json as Json[];
    const tid = String(runs.find((r) => r.thread_id)?.thread_id);
    const list = (await check(e542(), 'GET', '/threads/{thread_id}/runs', `/threads/${tid}/runs?limit=5&offset=0`)) as Json[];
    assert.ok(list.length > 0);
    await check(e542(), 'GET', '/threads/{thread_id}/runs', `/threads/${MISSING}/runs`);
    await check(main(), 'GET', '/threads/{thread_id}', `/threads/${tid}`);
    await check(main(), 'POST', '/threads/search', '/threads/search', { status: 'interrupted' });
  });
});
