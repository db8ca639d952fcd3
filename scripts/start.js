#!/usr/bin/env node
// `npm start`: builds the .vsix, starts code-server with it installed and the sandbox backends
// configured, and prints the URL to open. Ctrl+C stops everything it started.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureHarness } = require('./harness/setup');
const { startCodeServer } = require('./harness/codeServer');
const p = require('./harness/paths');

async function main() {
  ensureHarness();
  execFileSync('node', ['scripts/package.mjs'], { cwd: p.root, stdio: 'inherit' });
  const pkg = JSON.parse(fs.readFileSync(path.join(p.root, 'package.json'), 'utf8'));
  const vsix = path.join(p.root, `${pkg.name}-${pkg.version}.vsix`);
  const withSandbox = fs.existsSync(path.join(p.root, 'dist', 'sandbox.js'));
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-explorer-demo-'));
  const server = await startCodeServer({
    vsix,
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
    // The sandbox runs inside the extension host (Try the Sandbox), so its ICA API key goes to
    // SecretStorage like any user's key.
    settings: withSandbox ? { 'runsExplorer.sandbox.startOnOpen': true } : {},
  });
  const url = server.url(workspace);
  console.log(`\nRuns Explorer is running in VS Code (code-server ${p.CODE_SERVER_VERSION}).`);
  console.log(withSandbox ? 'The sandbox backends start when the window opens.' : 'No sandbox in this build: the welcome view shows.');
  console.log(`\n  Open: ${url}\n\nPress Ctrl+C to stop.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    console.log('Stopped.');
    setTimeout(() => process.exit(0), 400);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.proc.on('exit', (code) => {
    if (!stopping) {
      console.error(`code-server exited (${code}); see ${server.logFile}`);
      process.exit(1);
    }
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
