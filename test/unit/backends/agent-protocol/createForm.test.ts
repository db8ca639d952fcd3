// Agent Protocol Create Run form against the sandbox: agent_id from the agent search with each agent's
// input schema, stream_mode and run_mode enums; and createRun honouring run_mode (background, stream, wait).
import * as assert from 'assert';
import { AgentProtocolBackend } from '../../../../src/backends/agent-protocol';
import { isBackendError, NULL_LOGGER, type CreateRunForm } from '../../../../src/core';
import { AP_AGENTS, startSandbox, type Sandbox } from '../../../../src/sandbox';
import { assertFailsAt, assertTemplateValid, problems, withField } from '../createFormCheck';
import { collectEvents } from '../../../support/events';

describe('Agent Protocol Create Run form and run modes (sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let backend: AgentProtocolBackend;
  let form: CreateRunForm;

  before(async () => {
    sb = await startSandbox({ seed: 2, runs: 5, speed: 20 });
    backend = new AgentProtocolBackend({ id: 'ap', label: 'AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 5000 });
    form = await backend.createRunForm();
  });
  after(async () => {
    backend.dispose();
    await sb.close();
  });

  it('offers the agents and the run modes; the template passes', async () => {
    assert.deepStrictEqual(form.choices.map((c) => c.key), ['agent_id', 'run_mode']);
    assert.deepStrictEqual(form.choices[0].options.map((o) => o.value), AP_AGENTS.map((a) => a.id));
    assert.deepStrictEqual(form.choices[1].options.map((o) => o.value), ['background', 'stream', 'wait']);
    assertTemplateValid(form);
    const picked = await backend.createRunForm({ picks: { agent_id: 'approver', run_mode: 'wait' } });
    assert.deepStrictEqual([(picked.template as Record<string, unknown>)['agent_id'], (picked.template as Record<string, unknown>)['run_mode']], ['approver', 'wait']);
    assertTemplateValid(picked);
  });

  it('fails broken bodies at the value', () => {
    assertFailsAt(form, withField(form.template, ['agent_id'], 'nobody'), '/agent_id');
    assertFailsAt(form, withField(form.template, ['run_mode'], 'later'), '/run_mode');
    assertFailsAt(form, withField(form.template, ['stream_mode'], ['values', 'everything']), '/stream_mode/1');
    assertFailsAt(form, withField(form.template, ['thread_id'], 't1'), '/thread_id', /uuid/);
    assertFailsAt(form, withField(form.template, ['input', 'topic'], 42), '/input/topic', /type/i);
    assertFailsAt(form, withField(form.template, ['on_disconnect'], 'later'), '/on_disconnect');
    assert.deepStrictEqual(problems(form, withField(form.template, ['stream_mode'], 'updates')), []);
  });

  it('run_mode background: POST /runs, run_mode not sent', async () => {
    const before = sb.requests.count('agentProtocol', 'POST', '^/runs$');
    const ref = await backend.createRun({ body: { agent_id: 'research-assistant', input: { topic: 'a' }, run_mode: 'background' } });
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs$'), before + 1);
    const run = await backend.getRun(ref);
    assert.strictEqual((run.raw as Record<string, unknown>)['run_mode'], undefined);
  });

  it('run_mode stream: POST /runs/stream, whose stream the run\'s output continues', async () => {
    const before = sb.requests.count('agentProtocol', 'POST', '^/runs/stream$');
    const ref = await backend.createRun({ body: { agent_id: 'research-assistant', input: { topic: 'b' }, run_mode: 'stream' } });
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs/stream$'), before + 1);
    const joins = sb.requests.count('agentProtocol', 'GET', '/stream$');
    const events = await collectEvents(backend.streamOutput(ref, { signal: new AbortController().signal }), 2);
    assert.strictEqual(events[0].type, 'metadata');
    assert.strictEqual((events[0].data as Record<string, unknown>)['run_id'], ref.runId);
    assert.strictEqual(sb.requests.count('agentProtocol', 'GET', '/stream$'), joins, 'the handed stream is read, not joined again');
  });

  it('run_mode wait: POST /runs/wait, answered with the ended run', async () => {
    const before = sb.requests.count('agentProtocol', 'POST', '^/runs/wait$');
    const ref = await backend.createRun({ body: { agent_id: 'research-assistant', input: { topic: 'c' }, run_mode: 'wait' } });
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs/wait$'), before + 1);
    const run = await backend.getRun(ref);
    assert.notStrictEqual(run.state.raw, 'pending');
  });

  it('refuses an unknown run_mode before sending anything', async () => {
    const before = sb.requests.count('agentProtocol', 'POST', '^/runs');
    await assert.rejects(backend.createRun({ body: { agent_id: 'research-assistant', run_mode: 'later' } }), (e) => isBackendError(e) && e.code === 'rejected' && /run_mode/.test(e.message));
    assert.strictEqual(sb.requests.count('agentProtocol', 'POST', '^/runs'), before);
  });

  it('a 404 from a create route is the server\'s answer, not a missing route', async () => {
    await assert.rejects(
      backend.createRun({ body: { agent_id: 'research-assistant', thread_id: '00000000-0000-4000-8000-000000000000', run_mode: 'stream' } }),
      (e) => isBackendError(e) && e.code !== 'unsupported' && /not found/i.test(e.message),
    );
    assert.notStrictEqual(backend.dialect.supports('runs.createStream'), false);
  });
});
