// A real workbench for a journey: code-server with the .vsix installed, Chromium driving it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type * as Harness from '../../../scripts/harness/codeServer';
import type { CodeServer } from '../../../scripts/harness/codeServer';

/** The repository root, from the compiled location out/test/e2e/support. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
// The harness is plain JS shared with `npm start`; typed by its .d.ts, loaded from the repo at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchBrowser, startCodeServer } = require(path.join(REPO_ROOT, 'scripts', 'harness', 'codeServer')) as typeof Harness;

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** Runs a command from the palette by its title. */
  runCommand(title: string): Promise<void>;
  /** The Runs view: opens the container and expands the view. */
  openRunsView(): Promise<Locator>;
  /**
   * Expands the Runs-tree row with this label. Retries: the tree re-renders while backends load and a
   * virtualized row element can show another item by the time the click lands.
   */
  expandRow(label: string | RegExp): Promise<void>;
  /** Waits for a notification toast with this text. */
  notification(text: string | RegExp): Locator;
  screenshot(name: string): Promise<string>;
  webview(): FrameLocator;
  close(): Promise<void>;
}

/**
 * Options of openWorkbench. `walkthroughOnFirstStart`: let the extension open its walkthrough on the first
 * start after install, as for a user (only walkthrough.e2e.ts wants it). Off otherwise, through
 * `workbench.welcomePage.walkthroughs.openOnInstall`: a machine-scoped setting, which a remote window
 * (code-server) reads from the server's Machine settings, not from the User settings.json.
 */
export interface WorkbenchOptions {
  settings?: Record<string, unknown>;
  walkthroughOnFirstStart?: boolean;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const vsix = process.env.RUNS_EXPLORER_VSIX;
  if (!vsix) throw new Error('RUNS_EXPLORER_VSIX is not set: run the e2e suite with `npm run test:e2e`');
  const shots = process.env.RUNS_EXPLORER_SHOTS ?? path.resolve('test-results', 'screenshots');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-explorer-e2e-ws-'));
  const server = await startCodeServer({ vsix, settings: options.settings });
  if (!options.walkthroughOnFirstStart) {
    // Read when the workbench connects, so before the page is opened.
    const machine = path.join(server.tmp, 'ud', 'Machine');
    fs.mkdirSync(machine, { recursive: true });
    fs.writeFileSync(path.join(machine, 'settings.json'), JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': false }, null, 2));
  }
  let context: BrowserContext | undefined;
  try {
    context = await launchBrowser(path.join(server.tmp, 'chrome'));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url(workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    const ctx = context;
    const wb: Workbench = {
      page,
      server,
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill('>' + title);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
        await page.keyboard.press('Enter');
      },
      async openRunsView() {
        // Clicking the activity-bar item of the container that is already showing would hide the side bar.
        const title = page.locator('[id="workbench.parts.sidebar"] .composite.title', { hasText: 'Runs' });
        if (!(await title.isVisible())) await page.locator('.activitybar [aria-label^="Runs"]').first().click();
        const header = page.locator('.pane-header[aria-label="Runs Explorer Section"]');
        // With a single view in the container the header is hidden (and the view expanded).
        await header.waitFor({ state: 'attached', timeout: 60000 });
        if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) !== 'true') await header.click();
        return page.locator('.pane', { has: header });
      },
      async expandRow(label) {
        const row = page.locator('[id="workbench.parts.sidebar"] .monaco-list-row', { hasText: label }).first();
        for (let attempt = 0; attempt < 10; attempt++) {
          await row.waitFor({ timeout: 30000 });
          if ((await row.getAttribute('aria-expanded')) === 'true') return;
          await row.click();
          await page.waitForTimeout(300);
        }
        throw new Error(`could not expand the row ${String(label)}`);
      },
      notification(text) {
        return page.locator('.notification-toast', { hasText: text });
      },
      async screenshot(name) {
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
        const file = path.join(shots, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      webview() {
        return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      },
      async close() {
        await ctx.close().catch(() => undefined);
        server.stop();
        fs.rmSync(workspace, { recursive: true, force: true });
      },
    };
    return wb;
  } catch (e) {
    await context?.close().catch(() => undefined);
    server.stop();
    throw e;
  }
}
