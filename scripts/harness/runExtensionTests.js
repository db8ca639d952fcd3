#!/usr/bin/env node
// Runs out/test/extension/index.js (mocha) inside code-server's real Node extension host.
// Exit code = test result. An unhandled promise rejection in the extension host fails the run.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startCodeServer, launchBrowser } = require('./codeServer');
const p = require('./paths');

const util = require('util');

// Workbench chatter that says nothing about the tests.
const NOISE = /^(Ignoring fetching additional builtin|Creating a socket|Resolving connection token|Resolved connection token|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|No search provider registered)/;
const UNHANDLED = /rejected promise not handled|Unhandled(Promise)?Rejection|unhandledRejection/i;

async function main() {
  const entry = path.join(p.root, 'out', 'test', 'extension', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run typecheck\` first`);
  if (!fs.existsSync(path.join(p.root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-explorer-ws-'));
  const cs = await startCodeServer({ devMode: true, settings: { 'runsExplorer.refreshIntervalSeconds': 0 } });
  let ctx;
  let code = 1;
  const unhandled = [];
  try {
    ctx = await launchBrowser(path.join(cs.tmp, 'chrome'));
    const page = ctx.pages()[0];
    let exit;
    const done = new Promise((resolve) => { exit = resolve; });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...[].concat(args));
      if (UNHANDLED.test(line)) unhandled.push(line);
      if (!NOISE.test(line) || process.env.VERBOSE) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (c) => exit(c));
    await page.goto(cs.url(workspace, [
      ['extensionDevelopmentPath', cs.remote(p.root)],
      ['extensionTestsPath', cs.remote(entry.replace(/\.js$/, ''))],
      ['skipWelcome', 'true'],
    ]));
    const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300000);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    code = await Promise.race([done, timeout]);
    if (code === 'timeout') {
      console.error(`timed out after ${timeoutMs} ms waiting for the extension tests`);
      code = 1;
    }
    if (code === 0 && unhandled.length) {
      console.error(`FAIL: ${unhandled.length} unhandled promise rejection(s) in the extension host:\n${unhandled.join('\n')}`);
      code = 1;
    }
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    cs.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return code;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
