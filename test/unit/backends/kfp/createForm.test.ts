// KFP Create Run form against the sandbox: display_name required, experiment_id one of the experiments,
// a pipeline reference with pipeline_id, runtime_config.parameters an object.
import * as assert from 'assert';
import type { CreateRunForm } from '../../../../src/core';
import { startSandbox, type Sandbox } from '../../../../src/sandbox';
import { assertFailsAt, assertTemplateValid, problems, withField } from '../createFormCheck';
import { kfpBackend } from './helpers';

describe('KFP Create Run form (sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let form: CreateRunForm;
  let experiments: string[];

  before(async () => {
    sb = await startSandbox({ seed: 3, runs: 10, speed: 1 });
    const b = kfpBackend(sb.urls.kfp, { token: sb.kfpToken });
    form = await b.createRunForm();
    experiments = ((await b.client.listExperiments({ page_size: 100 })).experiments ?? []).filter((e) => e.storage_state !== 'ARCHIVED').map((e) => e.experiment_id as string);
  });
  after(async () => sb.close());

  it('offers the experiments and restricts experiment_id to them; the template passes', async () => {
    assert.ok(experiments.length > 1);
    assert.deepStrictEqual(form.choices.map((c) => c.key), ['experiment_id']);
    assert.deepStrictEqual(new Set(form.choices[0].options.map((o) => o.value)), new Set(experiments));
    assertTemplateValid(form);
    const b = kfpBackend(sb.urls.kfp, { token: sb.kfpToken });
    const picked = await b.createRunForm({ picks: { experiment_id: experiments[1] } });
    assert.strictEqual((picked.template as Record<string, unknown>)['experiment_id'], experiments[1]);
    assertTemplateValid(picked);
    assertFailsAt(form, withField(form.template, ['experiment_id'], 'no-such-experiment'), '/experiment_id');
  });

  it('fails broken bodies at the value', () => {
    assertFailsAt(form, withField(form.template, ['display_name'], undefined), '', /display_name/);
    assertFailsAt(form, withField(form.template, ['display_name'], '  '), '/display_name');
    assertFailsAt(form, withField(form.template, ['pipeline_version_reference', 'pipeline_id'], undefined), '/pipeline_version_reference', /pipeline_id/);
    assertFailsAt(form, withField(form.template, ['runtime_config', 'parameters'], '{"a": 1}'), '/runtime_config/parameters', /type/i);
    assertFailsAt(form, withField(form.template, ['pipeline_version_reference'], undefined), '');
    assert.deepStrictEqual(problems(form, withField(withField(form.template, ['pipeline_version_reference'], undefined), ['pipeline_spec'], { root: {} })), []);
  });
});
