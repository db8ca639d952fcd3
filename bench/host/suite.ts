// Runs inside code-server's extension host (extensionTestsPath), with the production build of Runs
// Explorer loaded: figure 3 (tree build) and figure 6 (refresh cost). Writes its results as JSON to
// $BENCH_HOST_OUT. The sandbox runs in this process, from the extension's own dist/sandbox.js.
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { isActive } from '../../src/core/runStatus';
import type { Sandbox, SandboxOptions } from '../../src/sandbox';
import type { RunsExplorerApi } from '../../src/ui/api';
import type { TreeNode } from '../../src/ui/tree/nodes';
import { boundResult, median, ratioResult, type Result } from '../lib/stats';

const EXTENSION_ID = 'runs-explorer.runs-explorer';
const quick = process.env.BENCH_QUICK === '1';
const say = (m: string): void => console.log(`[bench-host] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('runsExplorer').update(key, value, vscode.ConfigurationTarget.Global);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function root(api: RunsExplorerApi, id: string): Promise<TreeNode> {
  return waitFor(`backend ${id}`, async () => (await api.treeChildren()).find((n) => n.type === 'backend' && n.profile.id === id));
}

/** Figure 3: all 10,000 runs of the Agent Protocol "All Runs" list loaded through the tree (Load more), then their TreeItems built. */
async function treeBuild(api: RunsExplorerApi, sb: Sandbox): Promise<Result[]> {
  const pageSize = 1000;
  await setSetting('pageSize', pageSize);
  await setSetting('backends', [{ id: 'tb-ap', label: 'AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol }]);
  const load = async (): Promise<{ ms: number; items: TreeNode[] }> => {
    await vscode.commands.executeCommand('runsExplorer.refresh');
    const r = await root(api, 'tb-ap');
    const group = (await api.treeChildren(r)).find((n) => n.type === 'item' && n.node.key === 'group:all-runs');
    if (!group) throw new Error('no All Runs group');
    const t0 = performance.now();
    let list = await api.treeChildren(group);
    for (let more = list.find((n) => n.type === 'more'); more; more = list.find((n) => n.type === 'more')) {
      await vscode.commands.executeCommand('runsExplorer.loadMore', more);
      list = await api.treeChildren(group);
    }
    return { ms: performance.now() - t0, items: list.filter((n) => n.type === 'item') };
  };
  const loads: number[] = [];
  let items: TreeNode[] = [];
  for (let i = 0; i < (quick ? 2 : 4); i++) {
    const r = await load();
    say(`loaded ${r.items.length} runs in ${r.ms.toFixed(0)} ms`);
    if (i > 0) loads.push(r.ms);
    items = r.items;
  }
  if (items.length !== 10000) throw new Error(`loaded ${items.length} runs, not 10000`);
  const builds: number[] = [];
  let sink = 0;
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const t0 = performance.now();
    for (const n of items) sink += api.treeRow(n).contextValue?.length ?? 0;
    if (i > 0) builds.push(performance.now() - t0);
  }
  if (sink === 0) throw new Error('no tree items built');
  await setSetting('backends', []);
  await setSetting('pageSize', undefined);
  return [ratioResult('tree.build10k', median(builds), median(loads), 'ms', 0.2, `TreeItems (getTreeItem) for 10,000 loaded runs vs loading them through the tree in pages of ${pageSize} (Load more), in the extension host; medians of ${builds.length} and ${loads.length}`)];
}

/** Walks the tree from the roots, expanding every list down to (not into) runs; loads what it expands. */
async function expandAll(api: RunsExplorerApi): Promise<{ lists: number; active: number; runs: number }> {
  let lists = 0;
  let active = 0;
  let runs = 0;
  const visit = async (node: TreeNode): Promise<void> => {
    api.setExpanded(node, true);
    lists++;
    for (const c of await api.treeChildren(node)) {
      if (c.type !== 'item') continue;
      if (c.node.run) {
        runs++;
        if (isActive(c.node.run.state.status)) active++;
      } else if (c.node.expandable) await visit(c);
    }
  };
  for (const r of await api.treeChildren()) await visit(r);
  return { lists, active, runs };
}

/** Figure 6: requests per refresh tick / expanded lists, and requests while hidden and idle. */
async function refreshCost(api: RunsExplorerApi, start: (o: SandboxOptions) => Promise<Sandbox>): Promise<Result[]> {
  const results: Result[] = [];
  // Slow clock: the runs stay active while they are measured.
  const sb = await start({ runs: 125, seed: 1, speed: 0.001 });
  try {
    await setSetting('pageSize', 1000);
    await setSetting('backends', [
      { id: 'rc-kfp', label: 'KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
      { id: 'rc-ica', label: 'ICA', kind: 'ica', baseUrl: sb.urls.ica },
      { id: 'rc-acp', label: 'ACP', kind: 'acp', baseUrl: sb.urls.acp },
      { id: 'rc-ap', label: 'AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
    ]);
    const ica = await root(api, 'rc-ica');
    const win = vscode.window as unknown as Record<string, unknown>;
    const saved = win.showInputBox;
    win.showInputBox = async () => sb.icaApiKey;
    try {
      await vscode.commands.executeCommand('runsExplorer.setCredentials', ica);
    } finally {
      win.showInputBox = saved;
    }
    await vscode.commands.executeCommand('runsExplorer.refresh');
    await root(api, 'rc-ica');
    const tree = await expandAll(api);
    say(`refresh: ${JSON.stringify(tree)}`);
    const ticks = quick ? 3 : 10;
    let requests = 0;
    let expanded = 0;
    let worst = 0;
    for (let i = 0; i < ticks; i++) {
      sb.requests.clear();
      await api.refreshExpanded();
      const n = sb.requests.list().length;
      const e = api.autoRefreshStats().expandedLists;
      requests += n;
      expanded += e;
      worst = Math.max(worst, n / e);
    }
    results.push(boundResult('refresh.requestsPerList', requests / expanded, 'requests/list', 1.0,
      `${tree.active} active of ${tree.runs} loaded runs on 4 sandbox backends, ${tree.lists} expanded lists (every backend, group, experiment, agent and thread; runs themselves not expanded); ${requests} requests in ${ticks} ticks (worst tick ${worst.toFixed(2)})`));
  } finally {
    await setSetting('backends', []);
    await sb.close();
  }
  // Hidden view, no active run: KFP runs all finished (the clock moved a month on; agent runs waiting for
  // input would stay active), every list loaded and expanded, a 1 s interval.
  const done = await start({ runs: 200, seed: 2, speed: 1 });
  try {
    done.clock.advance(30 * 24 * 3600 * 1000);
    await setSetting('backends', [{ id: 'id-kfp', label: 'KFP', kind: 'kfp', baseUrl: done.urls.kfp }]);
    await root(api, 'id-kfp');
    const tree = await expandAll(api);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await setSetting('refreshIntervalSeconds', 1);
    await sleep(1500);
    done.requests.clear();
    const before = api.autoRefreshStats().ticks;
    const windowMs = quick ? 5000 : 15000;
    await sleep(windowMs);
    const n = done.requests.list().length;
    const ticks = api.autoRefreshStats().ticks - before;
    await setSetting('refreshIntervalSeconds', 0);
    results.push(boundResult('refresh.idleHiddenPerMinute', (n * 60000) / windowMs, 'requests/min', 0,
      `view hidden, ${tree.active} active of ${tree.runs} loaded runs, ${tree.lists} expanded lists, refreshIntervalSeconds = 1: ${n} requests and ${ticks} ticks in ${windowMs / 1000} s, scaled to a minute (at the default 10 s interval a minute is 6 ticks; here it would be ${windowMs / 1000})`));
  } finally {
    await setSetting('backends', []);
    await done.close();
  }
  return results;
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_HOST_OUT;
  if (!out) throw new Error('BENCH_HOST_OUT is not set');
  const results: Result[] = [];
  try {
    const ext = vscode.extensions.getExtension<RunsExplorerApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    const api = await ext.activate();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(ext.extensionPath, 'dist', 'sandbox.js')) as { startSandbox(o: SandboxOptions): Promise<Sandbox> };
    say('starting the sandbox');
    const sb = await mod.startSandbox({ runs: 10000, seed: 1, speed: 0.001 });
    say('sandbox started');
    try {
      results.push(...(await treeBuild(api, sb)));
    } finally {
      await sb.close();
    }
    results.push(...(await refreshCost(api, (o) => mod.startSandbox(o))));
    fs.writeFileSync(out, JSON.stringify({ ok: true, results }));
  } catch (e) {
    fs.writeFileSync(out, JSON.stringify({ ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e), results }));
  }
}
