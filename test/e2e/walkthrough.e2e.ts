import * as assert from 'assert';
import { openWorkbench, type Workbench } from './support/workbench';

describe('Journey: the getting-started walkthrough', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAIL-walkthrough-${this.currentTest.title.slice(0, 30).replace(/[^a-z0-9]+/gi, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  const step = (title: string) => wb.page.locator('.getting-started-step', { hasText: title }).first();
  const checked = (title: string) => step(title).locator('.codicon-getting-started-step-checked');

  it('is offered after install and shows its five steps with pictures', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Runs Explorer' }).first().click();
    const container = wb.page.locator('.gettingStartedContainer');
    await container.locator('text=Get started with Runs Explorer').first().waitFor({ timeout: 30000 });
    for (const title of ['Connect a backend', 'Open a run', 'Watch it stream', 'Resume an interrupted agent run', 'Keep an eye on active runs']) {
      await step(title).waitFor();
    }
    await wb.screenshot('60-walkthrough');
  });

  it('completes "Connect a backend" when the sandbox is started from the step', async () => {
    await step('Connect a backend').click();
    await step('Connect a backend').getByRole('button', { name: 'Try the Sandbox' }).click();
    await checked('Connect a backend').waitFor({ timeout: 60000 });
    await wb.screenshot('61-walkthrough-connected');
  });

  it('completes "Keep an eye on active runs" with Show Active Runs, and "Open a run" and "Watch it stream" by picking a run there', async () => {
    // Load some runs: expand a backend in the Runs view.
    const pane = await wb.openRunsView();
    await wb.expandRow('Sandbox ICA');
    await pane.locator('.monaco-list-row[aria-level="2"]').first().waitFor({ timeout: 30000 });
    await wb.runCommand('Runs Explorer: Show Active Runs');
    // The quick pick lists the active runs the tree has loaded; choose the first.
    const first = wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Active Runs' });
    await first.waitFor({ timeout: 30000 });
    const firstRun = wb.page.locator('.quick-input-list .monaco-list-row:visible').first();
    await firstRun.waitFor({ timeout: 30000 });
    await wb.screenshot('62-active-runs-pick');
    await firstRun.click();
    await wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body').waitFor({ timeout: 30000 });
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Runs Explorer' }).first().click();
    await checked('Keep an eye on active runs').waitFor({ timeout: 30000 });
    await checked('Open a run').waitFor({ timeout: 30000 });
    await checked('Watch it stream').waitFor({ timeout: 30000 });
    assert.ok(await checked('Open a run').isVisible());
    await wb.screenshot('63-walkthrough-progress');
  });
});
