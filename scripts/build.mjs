// Bundles the extension (Node, CommonJS), the lazily loaded sandbox, the sandbox CLI and the webview (browser).
// --production: minified, no sourcemaps (what the .vsix ships). --watch: rebuild on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  alias: { 'whatwg-url': './scripts/shims/whatwg-url.js' },
};

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js' },
];
// The backends (clients, transport, node-fetch) are their own bundle, required when the first backend is
// created (src/ui/backendsBundle.ts): activation compiles only the UI.
builds.push({ ...node, entryPoints: ['src/backends/registry.ts'], outfile: 'dist/backends.js' });
// The run panels' extension side (with the JSON-schema validator) likewise, required when a panel first
// opens or is restored (src/ui/commands/lazyPanels.ts).
builds.push({ ...node, entryPoints: ['src/ui/panel/panelBundle.ts'], outfile: 'dist/panel.js' });
// The sandbox is its own bundle: the extension require()s it only when the user starts it.
if (existsSync('src/sandbox/index.ts')) builds.push({ ...node, entryPoints: ['src/sandbox/index.ts'], outfile: 'dist/sandbox.js' });
if (existsSync('src/sandbox/cli.ts')) builds.push({ ...node, entryPoints: ['src/sandbox/cli.ts'], outfile: 'dist/sandbox-cli.js' });

// Codicons for the run panel (the webview loads them from dist/codicons: a localResourceRoot).
function copyCodicons() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/codicons/${f}`);
}
copyCodicons();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.error('[build] watching for changes');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  const { statSync } = await import('node:fs');
  const kb = (f) => `${(statSync(f).size / 1024).toFixed(0)} KB`;
  console.error(`[build] ${builds.map((b) => b.outfile).join(', ')} (${production ? 'production' : 'development'}) in ${Date.now() - t0} ms; webview.js ${kb('dist/webview.js')}, extension.js ${kb('dist/extension.js')}`);
}
