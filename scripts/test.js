#!/usr/bin/env node
// `npm test`: lint, typecheck, unit, extension, e2e, in that order; stops at the first failure and
// prints one summary line per stage. `node scripts/test.js unit` (or extension, e2e) runs one stage
// with what it needs first (build, compile, package).
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const npx = (bin, ...args) => [path.join(root, 'node_modules', '.bin', bin), ...args];

const STEPS = {
  lint: [npx('eslint', '.', '--max-warnings=0')],
  typecheck: [npx('tsc', '-p', '.'), npx('tsc', '-p', 'src/webview', '--noEmit')],
  build: [['node', 'scripts/build.mjs']],
  unit: [npx('mocha')],
  harness: [['node', 'scripts/harness/setup.js']],
  extension: [['node', 'scripts/harness/runExtensionTests.js']],
  package: [['node', 'scripts/package.mjs']],
  e2e: [['node', 'scripts/harness/runE2e.js']],
};

// What each public stage runs, dependencies first.
const STAGES = {
  lint: ['lint'],
  typecheck: ['typecheck'],
  unit: ['typecheck', 'build', 'unit'],
  extension: ['typecheck', 'build', 'harness', 'extension'],
  e2e: ['typecheck', 'harness', 'package', 'e2e'],
};

function runStep(name) {
  for (const [cmd, ...args] of STEPS[name]) {
    const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
    if (r.status !== 0) return false;
  }
  return true;
}

function main() {
  const only = process.argv[2];
  const stages = only ? [only] : ['lint', 'typecheck', 'unit', 'extension', 'e2e'];
  const done = new Set();
  const summary = [];
  let ok = true;
  for (const stage of stages) {
    if (!STAGES[stage]) {
      console.error(`unknown stage ${stage}; one of ${Object.keys(STAGES).join(', ')}`);
      return 2;
    }
    const t0 = Date.now();
    for (const step of STAGES[stage]) {
      if (done.has(step)) continue;
      ok = runStep(step);
      done.add(step);
      if (!ok) break;
    }
    summary.push(`${ok ? 'PASS' : 'FAIL'}  ${stage.padEnd(10)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!ok) break;
  }
  console.log(`\n${summary.join('\n')}`);
  if (!ok) console.log('Stopped at the first failing stage.');
  return ok ? 0 : 1;
}

process.exit(main());
