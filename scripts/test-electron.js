#!/usr/bin/env node
// Extension tests in desktop VS Code via @vscode/test-electron, for contributors WITH internet access
// (it downloads VS Code on first use). CI cannot download VS Code: it runs `npm run test:extension`
// (code-server harness) instead.
const path = require('path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'extension', 'index'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
