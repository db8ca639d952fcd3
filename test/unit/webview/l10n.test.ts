import * as assert from 'assert';
import * as l10n from '@vscode/l10n';
import { l10nField, MAX_L10N_ENTRIES, parseL10nBundle, type HostMessage } from '../../../src/shared/protocol';
import { configureL10n, droppedNotice, moreLines, statusLabel } from '../../../src/webview/l10n';

// The run panel's translations: the host puts vscode.l10n.bundle into its init message (l10nField, what
// PanelBase.l10nInit() returns), the message crosses postMessage, and the webview hands it to @vscode/l10n
// (configureL10n, the first thing main.ts does with an init message). A German bundle here stands for the
// l10n/bundle.l10n.de.json VS Code would load.
const GERMAN: Record<string, string> = {
  Running: 'Läuft',
  'Find in output': 'In der Ausgabe suchen',
  '{0} events': '{0} Ereignisse',
  '{0} older events dropped (only the last {1} are kept: setting runsExplorer.output.maxEvents)': '{0} ältere Ereignisse verworfen (nur die letzten {1} bleiben: Einstellung runsExplorer.output.maxEvents)',
  '{0} (+{1} lines)': '{0} (+{1} Zeilen)',
};

/** What the webview receives: the message as postMessage delivers it (a structured clone, like JSON here). */
function delivered(message: HostMessage): HostMessage {
  return JSON.parse(JSON.stringify(message)) as HostMessage;
}

/** The `l10n` field of a delivered init message (what main.ts hands to configureL10n). */
function bundleOf(message: HostMessage): unknown {
  assert.strictEqual(message.type, 'init');
  return message.type === 'init' ? message.l10n : undefined;
}

function init(bundle: unknown): HostMessage {
  return { type: 'init', mode: 'run', backendId: 'b', runId: 'r1', backendLabel: 'B', maxEvents: 10000, ...l10nField(bundle) };
}

describe('webview: translations from the init message (@vscode/l10n)', () => {
  afterEach(() => configureL10n(undefined));

  it('speaks English without a bundle (VS Code has none in English): the init message has no l10n field', () => {
    const message = delivered(init(undefined));
    assert.ok(!('l10n' in message), 'no l10n field in English');
    configureL10n(bundleOf(message));
    assert.strictEqual(statusLabel('running'), 'Running');
    assert.strictEqual(statusLabel('needs-input'), 'Needs input');
    assert.strictEqual(statusLabel('something-else'), 'something-else', 'an unknown status is shown as it is');
    assert.strictEqual(statusLabel('constructor'), 'constructor');
    assert.strictEqual(l10n.t('Find in output'), 'Find in output');
    assert.strictEqual(l10n.t('{0} events', '1,234'), '1,234 events');
    assert.strictEqual(droppedNotice(0, 100), undefined);
    assert.strictEqual(droppedNotice(1, 100), '1 older event dropped (only the last 100 are kept: setting runsExplorer.output.maxEvents)');
    assert.strictEqual(droppedNotice(12345, 10000), '12,345 older events dropped (only the last 10,000 are kept: setting runsExplorer.output.maxEvents)');
    assert.strictEqual(moreLines('one', 1), 'one (+1 line)');
    assert.strictEqual(moreLines('one', 2), 'one (+2 lines)');
  });

  it('carries the host\'s bundle to the webview, which then shows its words translated', () => {
    const message = delivered(init(GERMAN));
    assert.deepStrictEqual({ ...(bundleOf(message) as object) }, GERMAN, 'the init message carries the bundle across postMessage');
    configureL10n(bundleOf(message));
    assert.strictEqual(statusLabel('running'), 'Läuft');
    assert.strictEqual(statusLabel('queued'), 'Queued', 'a message the bundle lacks stays English');
    assert.strictEqual(l10n.t('Find in output'), 'In der Ausgabe suchen');
    assert.strictEqual(l10n.t('{0} events', '1,234'), '1,234 Ereignisse');
    assert.strictEqual(droppedNotice(150, 100), '150 ältere Ereignisse verworfen (nur die letzten 100 bleiben: Einstellung runsExplorer.output.maxEvents)');
    assert.strictEqual(moreLines('eins', 2), 'eins (+2 Zeilen)');
    // A later init (the webview reloaded, or the panel followed a resumed run) configures it again.
    configureL10n(bundleOf(delivered(init(undefined))));
    assert.strictEqual(statusLabel('running'), 'Running', 'status words are looked up again after a new bundle');
  });

  it('carries the bundle of a Create Run panel too', () => {
    const message = delivered({ type: 'init', mode: 'create', backendId: 'b', backendLabel: 'B', kind: 'kfp', template: '{}', hint: 'h', ...l10nField(GERMAN) });
    configureL10n(bundleOf(message));
    assert.strictEqual(l10n.t('Find in output'), 'In der Ausgabe suchen');
  });

  it('validates the bundle: strings only, bounded; anything else leaves the webview in English', () => {
    assert.deepStrictEqual(l10nField(undefined), {});
    assert.deepStrictEqual(l10nField({}), {}, 'an empty bundle is no bundle');
    assert.deepStrictEqual(l10nField('Running'), {});
    assert.deepStrictEqual(l10nField(['Läuft']), {});
    assert.deepStrictEqual(l10nField(null), {});
    assert.deepStrictEqual({ ...parseL10nBundle({ Running: 'Läuft', Queued: 7, Failed: { message: 'x' } }) }, { Running: 'Läuft' }, 'entries that are not strings are skipped');
    assert.strictEqual(parseL10nBundle({ Running: 'x'.repeat(20_000) }), undefined, 'an oversized translation is skipped');
    const huge = Object.fromEntries(Array.from({ length: MAX_L10N_ENTRIES + 1 }, (_, i) => [`m${i}`, 't']));
    assert.strictEqual(parseL10nBundle(huge), undefined, 'a bundle past the bound is refused');
    configureL10n({ Running: 42, 'Find in output': ['no'] });
    assert.strictEqual(statusLabel('running'), 'Running');
    assert.strictEqual(l10n.t('Find in output'), 'Find in output');
    configureL10n('garbage');
    assert.strictEqual(l10n.t('Find in output'), 'Find in output');
  });
});
