import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { openWorkbench, type Workbench } from './support/workbench';

const WALKTHROUGH = 'Get started with Runs Explorer';
const STEPS = ['Connect a backend', 'Open a run', 'Watch it stream', 'Resume an interrupted agent run', 'Keep an eye on active runs'] as const;
type Step = (typeof STEPS)[number];

/** Walkthrough helpers on one workbench. */
function walkthrough(wb: Workbench) {
  const container = () => wb.page.locator('.gettingStartedContainer');
  // An editor that is not the active one has no DOM: its tab says whether it is open.
  const tab = () => wb.page.locator('.tabs-container .tab', { hasText: 'Welcome' });
  const step = (title: Step): Locator => wb.page.locator('.getting-started-step', { hasText: title }).first();
  const checked = (title: Step): Locator => step(title).locator('.codicon-getting-started-step-checked');
  return {
    container,
    tab,
    step,
    checked,
    /** Opens it as a user would: Welcome: Open Walkthrough..., then its entry. */
    async open(): Promise<void> {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: WALKTHROUGH }).first().click();
      await container().locator(`text=${WALKTHROUGH}`).first().waitFor({ timeout: 30000 });
    },
    /** Waits until these steps show checked; the failure names the steps that are not. */
    async expectChecked(titles: readonly Step[]): Promise<void> {
      const missing: Step[] = [];
      for (const title of titles) {
        await step(title).waitFor({ timeout: 30000 });
        if (!(await checked(title).waitFor({ timeout: missing.length ? 2000 : 30000 }).then(() => true, () => false))) missing.push(title);
      }
      assert.deepStrictEqual(missing, [], `walkthrough steps not checked: ${missing.join(', ')}`);
    },
  };
}

/** The visible run panel's content frame (a webview is two nested iframes). */
function panel(wb: Workbench): FrameLocator {
  return wb.page.locator('iframe.webview.ready:visible').first().contentFrame().locator('#active-frame').contentFrame();
}

/**
 * Opens an interrupted run of the sandbox's ACP approver agent from the Runs tree and resumes it with the
 * keyboard (JSON typed, Ctrl+Enter), as panel.e2e.ts and accessibility.e2e.ts do.
 */
async function resumeInterruptedSandboxRun(wb: Workbench): Promise<void> {
  await wb.openRunsView();
  // An expanded backend above can push the ACP rows out of the (virtualized) list.
  const collapseAll = wb.page.locator('[id="workbench.parts.sidebar"] .action-label[aria-label^="Collapse All"]').first();
  if (await collapseAll.isVisible()) await collapseAll.click();
  await wb.expandRow('Sandbox ACP');
  await wb.expandRow('echo-approver');
  const sidebar = wb.page.locator('[id="workbench.parts.sidebar"]');
  const row = sidebar.locator('.monaco-list-row[aria-level="3"]', { has: wb.page.locator('.codicon-bell-dot') }).first();
  const editor = panel(wb).locator('#resume-editor .cm-content');
  // A click on a re-rendering row can miss: then Enter on the row.
  for (let attempt = 0; attempt < 3; attempt++) {
    await row.click({ timeout: 30000 });
    if (attempt > 0) await wb.page.keyboard.press('Enter');
    if (await editor.waitFor({ timeout: 20000 }).then(() => true, () => false)) break;
  }
  await panel(wb).locator('#tab-resume[aria-selected="true"]').waitFor({ timeout: 30000 });
  await panel(wb).locator('.output-scroll .row').first().waitFor({ state: 'attached', timeout: 30000 });
  await editor.click();
  await wb.page.keyboard.press('Control+A');
  await wb.page.keyboard.press('Delete');
  await wb.page.keyboard.insertText('{"approved": true, "comment": "from the walkthrough journey"}');
  await wb.page.keyboard.press('Control+Enter');
  // Resumed once the panel leaves the Resume tab for the output it follows.
  await panel(wb).locator('#tab-output[aria-selected="true"]').waitFor({ timeout: 60000 });
}

describe('Journey: a fresh install shows the getting-started walkthrough, each step completes when done', () => {
  let wb: Workbench;
  let wt: ReturnType<typeof walkthrough>;
  before(async () => {
    // The suite's other journeys run without it (support/workbench.ts); a user's install has it.
    wb = await openWorkbench({ walkthroughOnFirstStart: true });
    wt = walkthrough(wb);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAIL-walkthrough-${this.currentTest.title.slice(0, 30).replace(/[^a-z0-9]+/gi, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  it('opens by itself on the first start after install, with its five steps and pictures', async () => {
    await wt.container().locator(`text=${WALKTHROUGH}`).first().waitFor({ timeout: 60000 });
    for (const title of STEPS) await wt.step(title).waitFor();
    await wb.screenshot('60-walkthrough');
  });

  it('completes "Connect a backend" when the sandbox is started from the step', async () => {
    await wt.step('Connect a backend').click();
    await wt.step('Connect a backend').getByRole('button', { name: 'Try the Sandbox' }).click();
    await wt.checked('Connect a backend').waitFor({ timeout: 60000 });
    await wb.screenshot('61-walkthrough-connected');
  });

  it('completes "Keep an eye on active runs" with Show Active Runs, and "Open a run" and "Watch it stream" by picking a run there', async () => {
    // Load some runs: expand a backend in the Runs view.
    const pane = await wb.openRunsView();
    await wb.expandRow('Sandbox ICA');
    await pane.locator('.monaco-list-row[aria-level="2"]').first().waitFor({ timeout: 30000 });
    await wb.runCommand('Runs Explorer: Show Active Runs');
    // The quick pick lists the active runs the tree has loaded; choose the first.
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Active Runs' }).waitFor({ timeout: 30000 });
    const firstRun = wb.page.locator('.quick-input-list .monaco-list-row:visible').first();
    await firstRun.waitFor({ timeout: 30000 });
    await wb.screenshot('62-active-runs-pick');
    await firstRun.click();
    await wb.webview().locator('body').waitFor({ timeout: 30000 });
    await wt.open();
    await wt.expectChecked(['Keep an eye on active runs', 'Open a run', 'Watch it stream']);
    await wb.screenshot('63-walkthrough-progress');
  });

  it('completes "Resume an interrupted agent run" when an interrupted sandbox run is resumed from its panel', async () => {
    assert.strictEqual(await wt.checked('Resume an interrupted agent run').count(), 0, 'not checked before the resume');
    await resumeInterruptedSandboxRun(wb);
    await wb.screenshot('64-walkthrough-resumed-run');
    await wt.open();
    await wt.expectChecked(STEPS);
    await wb.screenshot('65-walkthrough-all-done');
  });

  it('does not open by itself again on the next start', async () => {
    await wb.runCommand('View: Close All Editors');
    await wt.tab().waitFor({ state: 'detached', timeout: 10000 });
    // The web workbench saves its state (open editors, extension state) every 5 s: else the reload
    // restores the editors of before.
    await wb.page.waitForTimeout(6000);
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // The extension has activated once the welcome view shows: it sets backendCount, and drops the
    // previous window's sandbox backends (that sandbox ran in the old extension host).
    const pane = await wb.openRunsView();
    await pane.getByRole('button', { name: 'Try the Sandbox' }).waitFor({ timeout: 60000 });
    await wb.page.waitForTimeout(3000);
    assert.strictEqual(await wt.tab().count(), 0, 'the walkthrough stayed closed');
  });
});

describe('Journey: steps done before the walkthrough is ever opened show checked when it opens', () => {
  let wb: Workbench;
  let wt: ReturnType<typeof walkthrough>;
  before(async () => {
    // As in the other journeys, the walkthrough does not open by itself on the first start.
    wb = await openWorkbench();
    wt = walkthrough(wb);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAIL-walkthrough-before-${this.currentTest.title.slice(0, 30).replace(/[^a-z0-9]+/gi, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  it('tries the sandbox, opens, watches and resumes an interrupted run, shows the active runs; then every step is checked', async () => {
    const pane = await wb.openRunsView();
    await pane.getByRole('button', { name: 'Try the Sandbox' }).click();
    assert.strictEqual(await wt.tab().count(), 0, 'the walkthrough did not open by itself');
    await resumeInterruptedSandboxRun(wb);
    // Keep an eye on active runs: the status bar item lists them.
    await wb.page.locator('[id="workbench.parts.statusbar"] [aria-label^="Runs Explorer:"]').first().click({ timeout: 60000 });
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Active Runs' }).waitFor({ timeout: 30000 });
    await wb.page.keyboard.press('Escape');
    assert.strictEqual(await wt.tab().count(), 0, 'the walkthrough was not open during the steps');
    await wt.open();
    await wt.expectChecked(STEPS);
    await wb.screenshot('66-walkthrough-steps-done-before');
  });
});
