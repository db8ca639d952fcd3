// Figures 3 and 6 run inside code-server's extension host: bench/host/suite.ts is loaded as the
// extensionTestsPath next to the production build (bench/tmp/pkg as the extension development path),
// the same way scripts/harness/runExtensionTests.js runs the extension tests.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { ROOT, TMP } from './lib/stage';
import { log, type Result } from './lib/stats';
import { startSession, waitForFile } from './lib/workbench';

export async function hostBenchmarks(stagedDir: string, quick: boolean): Promise<Result[]> {
  const out = path.join(TMP, 'host-results.json');
  fs.rmSync(out, { force: true });
  process.env.BENCH_HOST_OUT = out;
  process.env.BENCH_QUICK = quick ? '1' : '0';
  log('extension host: tree build and refresh cost');
  const session = await startSession({ devMode: true, settings: { 'runsExplorer.refreshIntervalSeconds': 0 } });
  delete process.env.BENCH_HOST_OUT;
  try {
    // Inside the extension's folder, so the suite gets the same `vscode` API object as the extension
    // (the extension host hands each extension its own) and can stand in for an input box.
    const entry = path.join(stagedDir, 'bench-host', 'suite');
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'bench', 'tmp', 'host', 'suite.js'), `${entry}.js`);
    // The workbench's test runner reports through these (as in scripts/harness/runExtensionTests.js).
    let exited: number | undefined;
    const lines: string[] = [];
    await session.page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = util.format(...[].concat(args as never));
      lines.push(line);
      if (process.env.VERBOSE || line.startsWith('[bench-host]')) log(line);
    });
    await session.page.exposeFunction('codeAutomationExit', (code: number) => {
      exited = code;
    });
    await session.page.goto(session.server.url(session.workspace, [
      ['extensionDevelopmentPath', session.server.remote(stagedDir)],
      ['extensionTestsPath', session.server.remote(entry)],
      ['skipWelcome', 'true'],
    ]));
    const report = JSON.parse(await waitForFile(out, 600000, () => (exited !== undefined && !fs.existsSync(out) ? `the extension host exited (${exited}) without results:\n${lines.slice(-30).join('\n')}` : undefined))) as { ok: boolean; error?: string; results: Result[] };
    if (!report.ok) throw new Error(`extension-host benchmarks failed: ${report.error}`);
    for (const r of report.results) log(`${r.name}: ${r.value} ${r.unit}${r.ratio !== null ? ` (ratio ${r.ratio})` : ''}`);
    return report.results;
  } finally {
    await session.close();
  }
}
