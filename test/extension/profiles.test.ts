import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Sandbox } from '../../src/sandbox';
import { backendRoot, extension, setBackends, startSandbox, waitFor, withDialogs } from './support/env';

interface StoredProfile {
  id: string;
  label: string;
  kind: string;
  baseUrl: string;
  agentId?: string;
}

const stored = (): StoredProfile[] => vscode.workspace.getConfiguration('runsExplorer').get<StoredProfile[]>('backends', []);

describe('Backend profiles: add, edit, remove, credentials', function () {
  this.timeout(60000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ agentProtocolApiKey: 'ap-secret-key-42' });
  });
  after(async () => {
    await setBackends(undefined);
    await sb?.close();
  });

  it('Add Backend walks kind, label, URL, options and credentials, then tests the connection', async () => {
    const { api } = await extension();
    const infos: string[] = [];
    const picks: Array<(items: Array<{ label: string; backendKind?: string; value?: boolean }>) => unknown> = [
      (items) => items.find((i) => i.backendKind === 'agent-protocol'),
      (items) => items.find((i) => i.value === true),
    ];
    const inputs = ['Agents', sb.urls.agentProtocol.replace(/\/$/, ''), 'research-assistant', 'ap-secret-key-42'];
    await withDialogs(
      {
        showQuickPick: async (items: unknown) => picks.shift()?.(await Promise.resolve(items as Array<{ label: string }>)),
        showInputBox: async () => inputs.shift(),
        showInformationMessage: async (m: string) => (infos.push(m), undefined),
      },
      () => vscode.commands.executeCommand('runsExplorer.addBackend'),
    );
    const [profile] = stored();
    assert.deepStrictEqual(profile, { id: 'agents', label: 'Agents', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol, agentId: 'research-assistant' });
    assert.match(infos.join('\n'), /Agents: connected\./);
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('runsExplorer')).includes('ap-secret-key-42'), 'the key is not in settings');
    assert.ok(api.recentLog().every((l) => !l.includes('ap-secret-key-42')), 'the key is not in the log');
    const root = await backendRoot(api, 'agents');
    const children = await api.treeChildren(root);
    assert.ok(children.some((n) => n.type === 'item' && n.node.run), 'runs listed with the stored key');
  });

  it('Edit Backend keeps the id (and so the stored key) while changing the label', async () => {
    const inputs = ['Agents (renamed)', sb.urls.agentProtocol, ''];
    await withDialogs(
      { showInputBox: async () => inputs.shift(), showQuickPick: async () => undefined, showInformationMessage: async () => undefined },
      () => vscode.commands.executeCommand('runsExplorer.editBackend', 'agents'),
    );
    const [profile] = stored();
    assert.strictEqual(profile.id, 'agents');
    assert.strictEqual(profile.label, 'Agents (renamed)');
    assert.strictEqual(profile.agentId, undefined, 'an emptied option is removed');
  });

  it('Remove Backend asks first, then removes the profile and its stored key', async () => {
    const { api } = await extension();
    const asked: string[] = [];
    await withDialogs({ showWarningMessage: async (m: string) => (asked.push(m), undefined) }, () => vscode.commands.executeCommand('runsExplorer.removeBackend', 'agents'));
    assert.strictEqual(stored().length, 1, 'declined: still there');
    assert.match(asked[0], /Remove the backend "Agents \(renamed\)"\?/);
    await withDialogs({ showWarningMessage: async () => 'Remove' }, () => vscode.commands.executeCommand('runsExplorer.removeBackend', 'agents'));
    assert.strictEqual(stored().length, 0);
    await waitFor('the tree to follow', async () => ((await api.treeChildren()).length === 0 ? true : undefined));
    // Re-adding the same id finds no key: requests go out without one and fail with 401.
    await setBackends([{ id: 'agents', label: 'Again', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }]);
    const [message] = await api.treeChildren(await backendRoot(api, 'agents'));
    assert.strictEqual(message.type, 'message');
    assert.match(String(api.treeItem(message).contextValue), /auth/);
  });
});
