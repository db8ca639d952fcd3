// Composition root: builds the objects, registers them, disposes them. No logic lives here.
import * as vscode from 'vscode';
import { BACKEND_REGISTRY } from './backends/registry';
import type { RunsExplorerApi } from './ui/api';
import { BackendManager } from './ui/backendManager';
import { caFileReader } from './ui/caFile';
import { registerAllCommands } from './ui/commands';
import { setContext } from './ui/contextKeys';
import { ChannelLogger } from './ui/log';
import { ProfileStore } from './ui/profiles/profileStore';
import { SecretStore } from './ui/profiles/secretStore';
import { SandboxController } from './ui/sandbox/sandboxController';
import type { Services } from './ui/services';
import { RunsTreeProvider } from './ui/tree/runsTreeProvider';

export function activate(context: vscode.ExtensionContext): RunsExplorerApi {
  const secrets = new SecretStore(context.secrets);
  const log = new ChannelLogger(() => secrets.knownSecrets());
  const profiles = new ProfileStore(log);
  const backends = new BackendManager(BACKEND_REGISTRY, profiles, secrets, log, caFileReader(log));
  const config = () => vscode.workspace.getConfiguration('runsExplorer');
  const tree = new RunsTreeProvider(profiles, backends, log, () => config().get<number>('pageSize', 50));
  const view = vscode.window.createTreeView('runsExplorer.runs', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const sandbox = new SandboxController(context.extensionPath, secrets, log);
  const services: Services = { context, log, profiles, secrets, backends, tree, view, sandbox };

  setContext('backendCount', profiles.profiles.length);
  setContext('sandboxRunning', false);
  context.subscriptions.push(
    log,
    profiles,
    backends,
    tree,
    view,
    sandbox,
    profiles.onDidChange((list) => {
      setContext('backendCount', list.length);
      backends.prune();
      tree.refresh();
    }),
    ...registerAllCommands(services),
  );
  // Not awaited: activation returns at once.
  if (config().get<boolean>('sandbox.startOnOpen', false)) {
    void vscode.commands.executeCommand('runsExplorer.trySandbox');
  } else {
    sandbox.removeStaleProfiles(profiles.profiles.map((p) => p.id)).catch((e: unknown) => log.error(`Removing stale sandbox backends failed: ${String(e)}`));
  }

  return {
    treeChildren: (node) => tree.getChildren(node),
    treeLabel: (node) => {
      const label = tree.getTreeItem(node).label;
      return typeof label === 'string' ? label : (label?.label ?? '');
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
