// Production build + .vsix (vsce, offline: --no-dependencies since esbuild bundles everything).
// Fails when the package holds more than the extension needs at run time or grows past the budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const MAX_VSIX_BYTES = 2 * 1024 * 1024;
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
const vsce = 'node_modules/.bin/vsce';

execFileSync('node', ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
execFileSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
const files = execFileSync(vsce, ['ls', '--no-dependencies'], { encoding: 'utf8' }).trim().split('\n');
const unexpected = files.filter((f) => !/^(package\.json|package\.nls(\.[a-z-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE(\.txt)?|dist\/[^/]+\.(js|css)|dist\/codicons\/codicon\.(css|ttf)|media\/.+\.(svg|png|css))$/.test(f));
const size = statSync(out).size;
console.log(`[package] ${out}: ${(size / 1024).toFixed(0)} KB, ${files.length} files`);
if (unexpected.length) {
  console.error(`[package] files the extension does not need at run time: ${unexpected.join(', ')} (fix .vscodeignore)`);
  process.exit(1);
}
if (size > MAX_VSIX_BYTES) {
  console.error(`[package] ${out} is ${size} bytes, over the ${MAX_VSIX_BYTES} byte budget`);
  process.exit(1);
}
