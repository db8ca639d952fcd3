/* global process, console */
// `npm run bench`: bundles the TypeScript benchmarks under bench/ with esbuild (as the product is
// bundled) into bench/tmp/, then runs them. Arguments are passed on (`--quick`, `--only=lists,stream`).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
  absWorkingDir: root,
  alias: { 'whatwg-url': './scripts/shims/whatwg-url.js' },
};
await esbuild.build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'bench/tmp/run.js', external: ['vscode', 'playwright-core'] });
await esbuild.build({ ...common, entryPoints: ['bench/host/suite.ts'], outfile: 'bench/tmp/host/suite.js', external: ['vscode'] });
const r = spawnSync(process.execPath, ['--enable-source-maps', path.join(root, 'bench', 'tmp', 'run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) console.error('[bench] failed');
process.exit(r.status ?? 1);
