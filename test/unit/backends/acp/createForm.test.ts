// ACP Create Run form against the sandbox: agent_id from the agent search, input/config from the chosen
// agent's descriptor, streaming among the modes it declares; the template passes, broken bodies fail where they are.
import * as assert from 'assert';
import { AcpBackend } from '../../../../src/backends/acp';
import { NULL_LOGGER, type CreateRunForm } from '../../../../src/core';
import { ACP_AGENTS, startSandbox, type Sandbox } from '../../../../src/sandbox';
import { assertFailsAt, assertTemplateValid, problems, withField } from '../createFormCheck';

const RESEARCH = ACP_AGENTS[0].id;
const APPROVER = ACP_AGENTS[1].id;

describe('ACP Create Run form (sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let backend: AcpBackend;
  let form: CreateRunForm;

  before(async () => {
    sb = await startSandbox({ seed: 2, runs: 5, speed: 20 });
    backend = new AcpBackend({ id: 'acp', label: 'ACP', kind: 'acp', baseUrl: sb.urls.acp }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 5000 });
    form = await backend.createRunForm();
  });
  after(async () => {
    backend.dispose();
    await sb.close();
  });

  it('offers the server\'s agents and restricts agent_id to them', () => {
    assert.deepStrictEqual(form.choices.map((c) => c.key), ['agent_id']);
    assert.deepStrictEqual(form.choices[0].options.map((o) => o.value), ACP_AGENTS.map((a) => a.id));
    assert.deepStrictEqual(form.choices[0].options.map((o) => o.label), ACP_AGENTS.map((a) => a.name));
    assertFailsAt(form, withField(form.template, ['agent_id'], '00000000-0000-4000-8000-000000000000'), '/agent_id', /enum|match/i);
    assertFailsAt(form, withField(form.template, ['agent_id'], undefined), '', /agent_id/);
  });

  it('prefills a template that passes, for the first agent or the picked one', async () => {
    assertTemplateValid(form);
    assert.strictEqual((form.template as Record<string, unknown>)['agent_id'], RESEARCH);
    const picked = await backend.createRunForm({ picks: { agent_id: APPROVER } });
    assert.strictEqual((picked.template as Record<string, unknown>)['agent_id'], APPROVER);
    assert.strictEqual((picked.template as Record<string, unknown>)['streaming'], 'custom');
    assertTemplateValid(picked);
  });

  it('checks input and config against the agent\'s descriptor schemas, and streaming against its modes', () => {
    assertFailsAt(form, withField(form.template, ['input', 'topic'], ''), '/input/topic', /short/i);
    assertFailsAt(form, withField(form.template, ['input', 'topic'], 5), '/input/topic', /type/i);
    assertFailsAt(form, withField(form.template, ['config', 'temperature'], 3), '/config/temperature', /3|maximum|greater/i);
    assertFailsAt(form, withField(form.template, ['config', 'colour'], 'red'), '/config/colour');
    assertFailsAt(form, withField(form.template, ['streaming'], 'values'), '/streaming');
    assertFailsAt(form, withField(form.template, ['thread_id'], 'not-a-uuid'), '/thread_id', /uuid/);
    assertFailsAt(form, withField(form.template, ['agnet'], 1), '/agnet');
    assert.deepStrictEqual(problems(form, withField(form.template, ['streaming'], 'result')), []);
  });

  it('a body the form accepts is accepted by the server (POST /runs)', async () => {
    const before = sb.requests.count('acp', 'POST', '^/runs$');
    const body = withField(form.template, ['input', 'topic'], 'schemas');
    assert.deepStrictEqual(problems(form, body), []);
    const ref = await backend.createRun({ body });
    assert.ok(ref.runId);
    assert.strictEqual(sb.requests.count('acp', 'POST', '^/runs$'), before + 1);
  });
});
