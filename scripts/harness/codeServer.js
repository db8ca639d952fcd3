// Starts code-server (fresh dirs, loopback, no auth, offline) and Debian's Chromium through playwright-core.
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');
const p = require('./paths');

const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
};

/** A free loopback port chosen by the OS. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    http.get(`http://127.0.0.1:${port}/healthz`, (res) => { res.resume(); resolve(res.statusCode === 200); })
      .on('error', () => resolve(false));
  });
}

/**
 * options: { port?, vsix?, devMode?, settings?, tmpRoot?, stdio? }
 * devMode: load the extension from source through the URL payload (needs the smoke-test driver flag,
 * which also suppresses notification toasts).
 */
async function startCodeServer(options = {}) {
  if (!fs.existsSync(p.codeServerEntry) || !fs.existsSync(p.node24)) {
    throw new Error('The harness is not installed: run `npm run harness:setup` (or `node scripts/harness/setup.js`).');
  }
  const port = options.port || (await freePort());
  const tmp = fs.mkdtempSync(path.join(options.tmpRoot || os.tmpdir(), 'runs-explorer-cs-'));
  fs.mkdirSync(path.join(tmp, 'ud', 'User'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'ud', 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...(options.settings || {}) }, null, 2));
  const env = { ...process.env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, XDG_CACHE_HOME: tmp, EXTENSIONS_GALLERY: '{}' };
  delete env.NODE_OPTIONS;
  const dirs = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext')];
  if (options.vsix) execFileSync(p.node24, [p.codeServerEntry, ...dirs, '--install-extension', options.vsix], { env, stdio: 'ignore' });
  const logFile = path.join(tmp, 'server.log');
  const proc = spawn(p.node24, [p.codeServerEntry, ...dirs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(options.devMode ? ['--vscode-option', 'enable-smoke-test-driver'] : [])],
  { detached: true, env, stdio: ['ignore', fs.openSync(logFile, 'w'), options.stdio === 'inherit' ? 'inherit' : fs.openSync(path.join(tmp, 'server.err'), 'w')] });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  for (let i = 0; !(await healthy(port)); i++) {
    if (exited || i > 600) throw new Error(`code-server did not start (see ${logFile})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // The whole process group: killing only the pid leaves a file-watcher orphan.
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
    if (!process.env.KEEP_TMP) {
      setTimeout(() => fs.rmSync(tmp, { recursive: true, force: true }), 300).unref();
    }
  };
  return {
    port, tmp, proc, stop, logFile,
    url: (folder, payload) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}` +
      (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    remote: (file) => `vscode-remote://127.0.0.1:${port}${file}`,
    settingsFile: path.join(tmp, 'ud', 'User', 'settings.json'),
  };
}

async function launchBrowser(profileDir, options = {}) {
  const { chromium } = require('playwright-core');
  fs.mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: p.chromium,
    headless: true,
    viewport: options.viewport || { width: 1280, height: 800 },
    env: { ...process.env, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

module.exports = { startCodeServer, launchBrowser, freePort, BASE_SETTINGS };
