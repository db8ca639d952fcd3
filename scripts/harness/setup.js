#!/usr/bin/env node
// Installs, once, what the real-VS-Code harness needs: Debian's chromium and libkrb5-dev,
// Node 24 and code-server from npm, into the gitignored cache of paths.js.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const p = require('./paths');

const log = (msg) => console.log(`[harness] ${msg}`);

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

function ensureDebianPackages() {
  const missing = [];
  if (!fs.existsSync(p.chromium)) missing.push('chromium');
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/krb5/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Run as root: ${cmd}`);
  }
  log(`installing ${missing.join(', ')} with apt-get`);
  run('bash', ['-c', `DEBIAN_FRONTEND=noninteractive ${cmd} -qq`]);
}

function ensureNode24() {
  if (fs.existsSync(p.node24)) return;
  log(`installing node@${p.NODE24_VERSION} from npm into ${p.node24Dir}`);
  fs.mkdirSync(p.node24Dir, { recursive: true });
  fs.writeFileSync(path.join(p.node24Dir, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${p.NODE24_VERSION}`], { cwd: p.node24Dir });
  if (!fs.existsSync(p.node24)) throw new Error(`node@${p.NODE24_VERSION} installed but ${p.node24} is missing`);
}

function ensureCodeServer() {
  const marker = path.join(p.codeServerDir, '.installed');
  if (fs.existsSync(marker) && fs.existsSync(p.codeServerEntry)) return;
  log(`installing code-server@${p.CODE_SERVER_VERSION} under Node 24 (compiles native modules, ~2-4 min)`);
  fs.rmSync(p.codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(p.codeServerDir, { recursive: true });
  fs.writeFileSync(path.join(p.codeServerDir, 'package.json'), '{"private":true}\n');
  // npm itself runs under Node 24 (first on PATH); code-server's postinstall refuses any other Node.
  const nodeRoot = path.dirname(p.node24Bin);
  // Under `npm test` / `npm start` / `npm run bench` the environment holds the outer npm's settings
  // (npm_*, NODE), which point the inner npm's scripts back at Node 20: start it clean.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
  Object.assign(env, { PATH: `${p.node24Bin}:${process.env.PATH}`, npm_config_nodedir: nodeRoot });
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${p.CODE_SERVER_VERSION}`],
    { cwd: p.codeServerDir, env });
  if (!fs.existsSync(p.codeServerEntry)) throw new Error(`code-server installed but ${p.codeServerEntry} is missing`);
  fs.writeFileSync(marker, new Date().toISOString());
}

function main() {
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
  log('ready');
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`[harness] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
module.exports = { ensureHarness: main };
