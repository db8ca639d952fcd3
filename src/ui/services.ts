import type * as vscode from 'vscode';
import type { BackendManager } from './backendManager';
import type { ChannelLogger } from './log';
import type { ProfileStore } from './profiles/profileStore';
import type { SecretStore } from './profiles/secretStore';
import type { SandboxController } from './sandbox/sandboxController';
import type { ActiveRuns } from './status/activeRuns';
import type { AutoRefresh } from './tree/autoRefresh';
import type { TreeNode } from './tree/nodes';
import type { RunsTreeProvider } from './tree/runsTreeProvider';

/** The objects commands work with, built once by the composition root. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: ChannelLogger;
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly backends: BackendManager;
  readonly tree: RunsTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly sandbox: SandboxController;
  readonly activeRuns: ActiveRuns;
  readonly autoRefresh: AutoRefresh;
}
