// The benchmark run: builds what ships, starts what each figure needs, writes bench/results.json and
// bench/results.md, and refreshes the Performance section of README.md. See bench/README.md.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { startSandbox } from '../src/sandbox';
import { activationBenchmark } from './activation';
import { hostBenchmarks } from './host';
import { listBenchmarks } from './node/lists';
import { streamBenchmark } from './node/stream';
import { panelBenchmark } from './panel';
import { packageFixture, ROOT, stageProduct } from './lib/stage';
import { boundResult, infoResult, log, type Result } from './lib/stats';
import { table } from './lib/table';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (name: string): boolean => !only || only.includes(name);
const RUNS = 10000;

async function main(): Promise<void> {
  const t0 = Date.now();
  const results: Result[] = [];
  // The harness (code-server, Node 24, Chromium) is installed on first use, as `npm test` does.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'harness', 'setup.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
  log('building the production bundles and the .vsix (bench/tmp/pkg)');
  const staged = stageProduct();
  const KB = 1024;
  results.push(
    boundResult('size.extension.js', staged.sizes.extension / KB, 'KB', 300, 'dist/extension.js, production (minified): what activation loads'),
    infoResult('size.backends.js', staged.sizes.backends / KB, 'KB', 'dist/backends.js, production (minified): the clients, loaded when the first backend is created'),
    boundResult('size.webview.js', staged.sizes.webview / KB, 'KB', 600, 'dist/webview.js, production (minified)'),
    boundResult('size.vsix', staged.sizes.vsix / KB, 'KB', 1024, 'the packaged .vsix'),
  );
  log(`sandbox with --runs ${RUNS}`);
  const sb = await startSandbox({ runs: RUNS, seed: 1 });
  try {
    if (want('lists')) results.push(...(await listBenchmarks(sb, RUNS, { langGraphThreads: quick ? 200 : 1000, pageRuns: quick ? 10 : 30, allRuns: quick ? 1 : 3 })));
    if (want('stream')) results.push(...(await streamBenchmark(100_000, quick ? 2 : 5)));
    if (want('activation')) {
      const empty = packageFixture('empty-extension');
      const probe = packageFixture('probe-extension');
      results.push(...(await activationBenchmark(staged.vsix, empty, probe, sb, quick ? 2 : 5)));
    }
  } finally {
    await sb.close();
  }
  if (want('host')) results.push(...(await hostBenchmarks(staged.dir, quick)));
  if (want('panel')) results.push(...(await panelBenchmark(staged.vsix, packageFixture('probe-extension'), quick)));

  const md = table(results, { date: new Date().toISOString().slice(0, 10), seconds: Math.round((Date.now() - t0) / 1000), partial: Boolean(only) });
  if (!only) {
    fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results.map(({ note: _n, ...r }) => r), null, 2) + '\n');
    fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), md);
    updateReadme(md);
  } else {
    fs.writeFileSync(path.join(ROOT, 'bench', 'tmp', 'results.partial.json'), JSON.stringify(results, null, 2) + '\n');
  }
  process.stdout.write(`\n${md}\n`);
  const failed = results.filter((r) => !r.pass);
  if (failed.length) log(`${failed.length} target(s) missed: ${failed.map((r) => r.name).join(', ')}`);
}

/** Replaces the table between the markers of README.md's Performance section. */
function updateReadme(md: string): void {
  const file = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    log('README.md has no bench markers: the table is in bench/results.md');
    return;
  }
  fs.writeFileSync(file, `${text.slice(0, a + begin.length)}\n${md.trim()}\n${text.slice(b)}`);
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
