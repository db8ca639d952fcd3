// Composition root: builds the objects, registers them, disposes them. No logic lives here.
import * as vscode from 'vscode';
import type { RunsExplorerApi } from './ui/api';
import { BackendManager } from './ui/backendManager';
import { lazyBackendRegistry } from './ui/backendsBundle';
import { caFileReader } from './ui/caFile';
import { registerAllCommands } from './ui/commands';
import { setContext } from './ui/contextKeys';
import { ChannelLogger } from './ui/log';
import { ProfileStore } from './ui/profiles/profileStore';
import { SecretStore } from './ui/profiles/secretStore';
import { SandboxController } from './ui/sandbox/sandboxController';
import type { Services } from './ui/services';
import { ActiveRuns } from './ui/status/activeRuns';
import { ActiveRunsPoller } from './ui/status/activeRunsPoller';
import { RunNotifier } from './ui/status/notifier';
import type { NotificationLevel } from './ui/status/notifications';
import { RunsStatusBar } from './ui/status/statusBar';
import { AutoRefresh } from './ui/tree/autoRefresh';
import { RunsTreeProvider } from './ui/tree/runsTreeProvider';
import { Walkthrough } from './ui/walkthrough';

const POLL_AFTER_START_MS = 3000;
const POLL_AFTER_CHANGE_MS = 1000;

export function activate(context: vscode.ExtensionContext): RunsExplorerApi {
  const config = () => vscode.workspace.getConfiguration('runsExplorer');
  const secrets = new SecretStore(context.secrets);
  const log = new ChannelLogger(() => secrets.knownSecrets());
  const profiles = new ProfileStore(log);
  const backends = new BackendManager(lazyBackendRegistry(context.extensionPath), profiles, secrets, log, caFileReader(log));
  const tree = new RunsTreeProvider(profiles, backends, log, () => config().get<number>('pageSize', 50));
  const view = vscode.window.createTreeView('runsExplorer.runs', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const sandbox = new SandboxController(context.extensionPath, secrets, log);
  const activeRuns = new ActiveRuns();
  const autoRefresh = new AutoRefresh(tree, view, () => activeRuns.active().length > 0, log);
  const statusBar = new RunsStatusBar(activeRuns);
  const poller = new ActiveRunsPoller(profiles, backends, activeRuns, (id) => tree.coversBackend(id), () => config().get<number>('refreshIntervalSeconds', 10) * 1000, log);
  const services: Services = { context, log, profiles, secrets, backends, tree, view, sandbox, activeRuns, autoRefresh };
  const notifier = new RunNotifier(
    activeRuns,
    () => config().get<NotificationLevel>('notifications', 'all'),
    (run) => void vscode.commands.executeCommand('runsExplorer.openRun', run),
  );

  // Before the first setContext: it completes walkthrough steps from the context keys.
  const walkthrough = new Walkthrough(context, log);
  context.subscriptions.push(walkthrough);
  void walkthrough.openOnFirstRun();
  setContext('backendCount', profiles.profiles.length);
  setContext('sandboxRunning', false);
  context.subscriptions.push(
    log, profiles, backends, tree, view, sandbox, activeRuns, autoRefresh, statusBar, notifier, poller,
    profiles.onDidChange((list) => {
      setContext('backendCount', list.length);
      backends.prune();
      activeRuns.retainBackends(new Set(list.map((p) => p.id)));
      tree.refresh();
      poller.start(POLL_AFTER_CHANGE_MS);
    }),
    view.onDidExpandElement((e) => tree.setExpanded(e.element, true)),
    view.onDidCollapseElement((e) => tree.setExpanded(e.element, false)),
    view.onDidChangeVisibility(() => autoRefresh.reschedule()),
    tree.onDidLoadRuns(() => activeRuns.update(tree.loadedRuns())),
    activeRuns.onDidUpdate(() => autoRefresh.reschedule()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('runsExplorer.refreshIntervalSeconds')) autoRefresh.reschedule();
    }),
    ...registerAllCommands(services),
  );
  // Not awaited: activation returns at once.
  if (config().get<boolean>('sandbox.startOnOpen', false)) {
    void vscode.commands.executeCommand('runsExplorer.trySandbox');
  } else {
    sandbox.removeStaleProfiles(profiles.profiles.map((p) => p.id)).catch((e: unknown) => log.error(`Removing stale sandbox backends failed: ${String(e)}`));
  }
  autoRefresh.reschedule();
  // The status bar's first look at the backends comes after start-up, never during activation.
  if (profiles.profiles.length) poller.start(POLL_AFTER_START_MS);

  return {
    treeChildren: (node) => tree.getChildren(node),
    treeLabel: (node) => {
      const label = tree.getTreeItem(node).label;
      return typeof label === 'string' ? label : (label?.label ?? '');
    },
    treeItem: (node) => tree.resolveTreeItem(tree.getTreeItem(node), node),
    treeRow: (node) => tree.getTreeItem(node),
    statusBarText: () => statusBar.text,
    notificationsShown: () => [...notifier.shown],
    autoRefreshStats: () => ({ requests: autoRefresh.requestCount, ticks: autoRefresh.tickCount, expandedLists: tree.expandedListCount() }),
    setExpanded: (node, expanded) => tree.setExpanded(node, expanded),
    refreshExpanded: () => tree.refreshExpanded(),
    recentLog: () => log.recentLines(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
