import * as assert from 'assert';
import { capabilities, type Run, type RunStatus } from '../../../src/core';
import { describe as word, wanted } from '../../../src/ui/status/notifications';

const run = (name: string, status: RunStatus): Run => ({
  backendId: 'b', runId: name, kind: 'kfp', name, state: { status, raw: status }, capabilities: capabilities({}), raw: {},
});
const t = (name: string, to: RunStatus) => ({ run: run(name, to), from: 'running' as RunStatus, to });

describe('run notifications', () => {
  it('follow the runsExplorer.notifications level', () => {
    assert.ok(wanted('all', t('a', 'succeeded')));
    assert.ok(!wanted('failures', t('a', 'succeeded')));
    assert.ok(wanted('failures', t('a', 'failed')));
    assert.ok(wanted('failures', t('a', 'needs-input')), 'waiting for input is worth knowing even in failures mode');
    assert.ok(!wanted('none', t('a', 'failed')));
    assert.ok(!wanted('all', t('a', 'canceling')), 'intermediate states do not notify');
  });

  it('name the run for a few transitions and coalesce many into one summary', () => {
    const few = word([t('train', 'failed'), t('eval', 'succeeded')]);
    assert.deepStrictEqual(few.map((m) => [m.text, m.severity]), [['Run "train" failed.', 'error'], ['Run "eval" succeeded.', 'info']]);
    const many = word([t('a', 'succeeded'), t('b', 'succeeded'), t('c', 'failed'), t('d', 'needs-input'), t('e', 'succeeded')]);
    assert.strictEqual(many.length, 1);
    assert.strictEqual(many[0].text, '5 runs changed: 3 succeeded, 1 failed, 1 needs input.');
    assert.strictEqual(many[0].severity, 'error');
  });
});
