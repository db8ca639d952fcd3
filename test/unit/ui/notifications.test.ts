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

  // The notices are data; notifier.ts words them with vscode.l10n.t ('Run "train" failed.', '5 runs changed: ...').
  it('name the run for a few transitions and coalesce many into one summary', () => {
    const few = word([t('train', 'failed'), t('eval', 'succeeded'), t('ask', 'needs-input')]);
    assert.deepStrictEqual(few.map((m) => (m.kind === 'run' ? [m.run.name, m.to, m.severity] : m.kind)), [['train', 'failed', 'error'], ['eval', 'succeeded', 'info'], ['ask', 'needs-input', 'warning']]);
    const many = word([t('a', 'succeeded'), t('b', 'succeeded'), t('c', 'failed'), t('d', 'needs-input'), t('e', 'succeeded')]);
    assert.deepStrictEqual(many, [{ kind: 'summary', total: 5, counts: [['succeeded', 3], ['failed', 1], ['needs-input', 1]], severity: 'error' }]);
    const calm = word([t('a', 'succeeded'), t('b', 'succeeded'), t('c', 'needs-input'), t('d', 'succeeded')]);
    assert.strictEqual(calm[0].severity, 'info', 'no failure: the summary is information');
  });
});
