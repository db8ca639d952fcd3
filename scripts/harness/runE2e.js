#!/usr/bin/env node
// Runs the e2e journeys (out/test/e2e/**/*.e2e.js, mocha) against code-server with the extension
// installed from the freshly built .vsix, in Debian's Chromium. Screenshots go to test-results/screenshots.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const p = require('./paths');

const pkg = JSON.parse(fs.readFileSync(path.join(p.root, 'package.json'), 'utf8'));
const vsix = path.join(p.root, `${pkg.name}-${pkg.version}.vsix`);
if (!fs.existsSync(vsix)) {
  console.error(`${vsix} is missing: run \`npm run package\` first`);
  process.exit(1);
}
const shots = path.join(p.root, 'test-results', 'screenshots');
fs.mkdirSync(shots, { recursive: true });
const mocha = path.join(p.root, 'node_modules', '.bin', 'mocha');
const r = spawnSync(mocha, ['--config', path.join(p.root, 'test', 'e2e', '.mocharc.json'), ...process.argv.slice(2)], {
  cwd: p.root,
  stdio: 'inherit',
  env: { ...process.env, RUNS_EXPLORER_VSIX: vsix, RUNS_EXPLORER_SHOTS: shots },
});
process.exit(r.status === null ? 1 : r.status);
