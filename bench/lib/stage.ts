// The shipped artefacts, built apart from the working tree: a staging folder under bench/tmp with the
// sources linked in, `scripts/build.mjs --production` run there, and `vsce package` as `npm run package`
// does it. dist/ and the .vsix of the working tree (used by other people's test runs) stay untouched.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TMP = path.join(ROOT, 'bench', 'tmp');

export interface Staged {
  dir: string;
  vsix: string;
  sizes: { extension: number; backends: number; webview: number; vsix: number };
}

function vsce(cwd: string, out: string): void {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function stageProduct(): Staged {
  const dir = path.join(TMP, 'pkg');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const link of ['src', 'node_modules', 'scripts']) fs.symlinkSync(path.join(ROOT, link), path.join(dir, link));
  // The manifest's %key% strings live in package.nls*.json: without them every title would read "%key%".
  const nls = fs.readdirSync(ROOT).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f));
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', ...nls]) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  for (const d of ['media', 'l10n']) if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(TMP, `${pkg.name}-${pkg.version}.vsix`);
  vsce(dir, vsix);
  const size = (f: string) => fs.statSync(f).size;
  return { dir, vsix, sizes: { extension: size(path.join(dir, 'dist', 'extension.js')), backends: size(path.join(dir, 'dist', 'backends.js')), webview: size(path.join(dir, 'dist', 'webview.js')), vsix: size(vsix) } };
}

/** A fixture extension (bench/fixtures/<name>) packaged into bench/tmp/<name>.vsix. */
export function packageFixture(name: string): string {
  const src = path.join(ROOT, 'bench', 'fixtures', name);
  const dir = path.join(TMP, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(src, dir, { recursive: true });
  const vsix = path.join(TMP, `${name}.vsix`);
  vsce(dir, vsix);
  return vsix;
}
