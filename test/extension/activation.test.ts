import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RunsExplorerApi } from '../../src/ui/api';

const EXTENSION_ID = 'runs-explorer.runs-explorer';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    views: Record<string, Array<{ id: string; name: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; title: string }> };
    viewsWelcome: Array<{ view: string; contents: string; when: string }>;
    configuration: { properties: Record<string, { type?: string; default?: unknown; description?: string; markdownDescription?: string; enum?: string[] }> };
  };
  activationEvents: string[];
}

/**
 * `ext.packageJSON` is the raw manifest, its user-facing strings `%key%` placeholders: resolve them
 * through the English package.nls.json so the assertions still check the real text (and a missing key fails).
 */
function nls(ext: vscode.Extension<unknown>): (text: string | undefined) => string | undefined {
  const bundle = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return (text) => {
    const m = text === undefined ? null : /^%([^%]+)%$/.exec(text);
    if (!m) return text;
    assert.ok(m[1] in bundle, `package.nls.json has the key ${m[1]}`);
    return bundle[m[1]];
  };
}

async function activated(): Promise<{ ext: vscode.Extension<RunsExplorerApi>; api: RunsExplorerApi }> {
  const ext = vscode.extensions.getExtension<RunsExplorerApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  const api = await ext.activate();
  return { ext, api };
}

describe('Activation and contributions', () => {
  it('activates lazily (never on *) and returns its API at once', async () => {
    const { ext, api } = await activated();
    const manifest = ext.packageJSON as Manifest;
    assert.ok(!manifest.activationEvents.includes('*'), 'no * activation');
    assert.ok(manifest.activationEvents.includes('onStartupFinished'), 'activates after startup for the status bar');
    assert.ok(ext.isActive);
    assert.strictEqual(typeof api.treeChildren, 'function');
  });

  it('contributes the Runs container and the Runs Explorer view', async () => {
    const { ext } = await activated();
    const manifest = ext.packageJSON as Manifest;
    const t = nls(ext);
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'runsExplorer');
    assert.strictEqual(t(container?.title), 'Runs');
    assert.deepStrictEqual(manifest.contributes.views.runsExplorer.map((v) => [v.id, t(v.name)]), [['runsExplorer.runs', 'Runs Explorer']]);
    // The view really exists in the workbench: focusing it succeeds.
    await vscode.commands.executeCommand('runsExplorer.runs.focus');
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    const { ext } = await activated();
    const manifest = ext.packageJSON as Manifest;
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('runsExplorer.') && !c.startsWith('runsExplorer.runs.')));
    const missing = [...contributed].filter((c) => !registered.has(c));
    const extra = [...registered].filter((c) => !contributed.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    assert.deepStrictEqual(extra, [], `registered but not contributed: ${extra.join(', ')}`);
    // The palette shows "Runs Explorer: <title>"; menus show the title alone.
    const t = nls(ext);
    for (const c of manifest.contributes.commands) {
      assert.strictEqual(t(c.category), 'Runs Explorer', `${c.command} category`);
      assert.ok(t(c.title), `${c.command} has a title`);
    }
  });

  it('contributes the settings with defaults that VS Code reads back', async () => {
    const { ext } = await activated();
    const props = (ext.packageJSON as Manifest).contributes.configuration.properties;
    const t = nls(ext);
    for (const [key, schema] of Object.entries(props)) {
      assert.ok(t(schema.description) || t(schema.markdownDescription), `${key} has a description`);
      assert.ok(schema.type, `${key} has a type`);
    }
    const config = vscode.workspace.getConfiguration('runsExplorer');
    assert.deepStrictEqual(config.get('backends'), []);
    assert.strictEqual(config.get('refreshIntervalSeconds'), 0, 'the test settings override the default 10');
    assert.strictEqual(config.inspect('refreshIntervalSeconds')?.defaultValue, 10);
    assert.strictEqual(config.get('pageSize'), 50);
    assert.strictEqual(config.get('output.maxEvents'), 10000);
    assert.strictEqual(config.inspect('notifications')?.defaultValue, 'all');
    assert.deepStrictEqual(props['runsExplorer.notifications'].enum, ['all', 'failures', 'none']);
  });

  it('shows the welcome view (no backends: empty tree, welcome buttons for Add Backend and Try the Sandbox)', async () => {
    const { ext, api } = await activated();
    assert.deepStrictEqual(await api.treeChildren(), []);
    const welcome = (ext.packageJSON as Manifest).contributes.viewsWelcome.find((w) => w.view === 'runsExplorer.runs');
    assert.ok(welcome);
    assert.strictEqual(welcome.when, 'runsExplorer.backendCount == 0');
    const contents = nls(ext)(welcome.contents) ?? '';
    assert.match(contents, /\[Add Backend\.\.\.\]\(command:runsExplorer\.addBackend\)/);
    assert.match(contents, /\[Try the Sandbox\]\(command:runsExplorer\.trySandbox\)/);
  });

  it('ships its webview bundle next to the extension bundle', async () => {
    const { ext } = await activated();
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'webview.js')));
  });
});
