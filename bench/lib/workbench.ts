// code-server + Chromium for the in-host figures, through the test harness (scripts/harness).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import type * as Harness from '../../scripts/harness/codeServer';
import type { CodeServer } from '../../scripts/harness/codeServer';
import { ROOT } from './stage';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const harness = require(path.join(ROOT, 'scripts', 'harness', 'codeServer')) as typeof Harness;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require(path.join(ROOT, 'scripts', 'harness', 'paths')) as { node24: string; codeServerEntry: string };

export interface Session {
  server: CodeServer;
  context: BrowserContext;
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

/** Installs one more .vsix into a started code-server's extensions dir (before any window connects). */
export function installExtra(server: CodeServer, vsix: string): void {
  const tmp = server.tmp;
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, XDG_CACHE_HOME: tmp, EXTENSIONS_GALLERY: '{}' };
  delete env.NODE_OPTIONS;
  execFileSync(paths.node24, [paths.codeServerEntry, '--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext'), '--install-extension', vsix], { env, stdio: 'ignore' });
}

/** A fresh code-server with `vsix` (and `extra`) installed, and Chromium not yet on any page. */
export async function startSession(options: { vsix?: string; extra?: string[]; settings?: Record<string, unknown>; devMode?: boolean }): Promise<Session> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-explorer-bench-ws-'));
  const server = await harness.startCodeServer({ vsix: options.vsix, settings: options.settings, devMode: options.devMode });
  // No walkthrough opening on the first start (a machine-scoped setting: code-server reads it from the
  // server's Machine settings): the figures are about the extension, not the Welcome page.
  const machine = path.join(server.tmp, 'ud', 'Machine');
  fs.mkdirSync(machine, { recursive: true });
  fs.writeFileSync(path.join(machine, 'settings.json'), JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': false }, null, 2));
  let context: BrowserContext | undefined;
  try {
    for (const v of options.extra ?? []) installExtra(server, v);
    context = await harness.launchBrowser(path.join(server.tmp, 'chrome'));
    const page = context.pages()[0] ?? (await context.newPage());
    const ctx = context;
    return {
      server, context, page, workspace,
      async close() {
        await ctx.close().catch(() => undefined);
        server.stop();
        fs.rmSync(workspace, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    server.stop();
    throw e;
  }
}

export async function waitForFile(file: string, timeoutMs: number, failed?: () => string | undefined): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const why = failed?.();
    if (why) throw new Error(why);
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      if (text) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${file}`);
}
