// ICA Create Run form: the CreateTaskRunRequest schema (execution.image.name required) or a task version launch.
import * as assert from 'assert';
import type { CreateRunForm } from '../../../../src/core';
import { startSandbox, type Sandbox } from '../../../../src/sandbox';
import { assertFailsAt, assertTemplateValid, problems, withField } from '../createFormCheck';
import { icaBackend } from './helpers';

describe('ICA Create Run form (sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let form: CreateRunForm;

  before(async () => {
    sb = await startSandbox({ seed: 5, runs: 5, speed: 1 });
    form = await icaBackend(sb.urls.ica, sb.icaApiKey).createRunForm();
  });
  after(async () => sb.close());

  it('has nothing to pick; the template passes and is created as it is', async () => {
    assert.deepStrictEqual(form.choices, []);
    assertTemplateValid(form);
    const before = sb.requests.count('ica', 'POST', '^/v1/tasks/runs$');
    const ref = await icaBackend(sb.urls.ica, sb.icaApiKey).createRun({ body: form.template });
    assert.ok(ref.runId);
    assert.strictEqual(sb.requests.count('ica', 'POST', '^/v1/tasks/runs$'), before + 1);
  });

  it('fails broken bodies at the value', () => {
    assertFailsAt(form, withField(form.template, ['execution', 'image', 'name'], undefined), '/execution/image', /name/);
    assertFailsAt(form, withField(form.template, ['execution', 'image', 'name'], ''), '/execution/image/name');
    assertFailsAt(form, withField(form.template, ['execution'], undefined), '', /execution/);
    assertFailsAt(form, withField(form.template, ['execution', 'args'], 'echo hi'), '/execution/args', /type/i);
    assertFailsAt(form, withField(form.template, ['execution', 'environment', 'variables', 'N'], 1), '/execution/environment/variables/N');
    assertFailsAt(form, { taskId: 't1' }, '', /versionId/);
    assert.deepStrictEqual(problems(form, { taskId: 't1', versionId: 'v1', name: 'launch' }), []);
  });
});
