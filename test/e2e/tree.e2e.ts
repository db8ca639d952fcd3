import * as assert from 'assert';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { openWorkbench, type Workbench } from './support/workbench';

/** Journeys of the Runs tree in a real workbench, against the sandbox (KFP requires a token here). */
describe('Journey: add a KFP backend, browse, act on runs, recover from a wrong token', () => {
  let sb: Sandbox;
  let wb: Workbench;
  const token = 'kfp-e2e-token-1234';

  before(async () => {
    sb = await startSandbox({ seed: 3, runs: 30, kfpToken: token });
    wb = await openWorkbench({ settings: { 'runsExplorer.refreshIntervalSeconds': 2 } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAIL-${this.currentTest.title.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await sb?.close();
  });

  // Rows of the Runs tree only (notifications are list rows too).
  const row = (name: string | RegExp) => wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row', { hasText: name });

  /** Answers the input box that shows `prompt` (waiting for it: the previous box may still be closing). */
  async function answerInput(prompt: string | RegExp, text: string): Promise<void> {
    await wb.page.locator('.quick-input-widget', { hasText: prompt }).waitFor();
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill(text);
    await wb.page.keyboard.press('Enter');
  }

  /** Collapses the whole tree (title-bar button), then expands the backend and one of its groups. */
  async function openGroup(group: string): Promise<void> {
    await wb.page.locator('[id="workbench.parts.sidebar"] .action-label[aria-label^="Collapse All"]').first().click();
    await row('E2E KFP').first().click();
    await row(group).first().click();
  }

  async function pick(label: string | RegExp): Promise<void> {
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
  }

  async function contextMenu(target: string | RegExp, action: string): Promise<void> {
    await row(target).first().click({ button: 'right' });
    await clickMenu(action);
  }

  async function clickMenu(action: string): Promise<void> {
    const item = wb.page.getByRole('menuitem', { name: action }).first();
    await item.waitFor();
    await item.hover();
    await wb.page.keyboard.press('Enter');
  }

  it('adds a backend with the guided flow; without a token the backend shows an error node', async () => {
    const pane = await wb.openRunsView();
    await pane.getByRole('button', { name: 'Add Backend...' }).click();
    await pick('Kubeflow Pipelines');
    await answerInput('Name shown in the Runs view', 'E2E KFP');
    // The URL is checked as it is typed.
    await wb.page.locator('.quick-input-widget', { hasText: 'Base URL' }).waitFor();
    await wb.page.locator('.quick-input-widget input').fill('not a url');
    await wb.page.locator('.quick-input-widget', { hasText: 'Not a URL' }).waitFor();
    await wb.screenshot('09-add-backend-url-check');
    // The validation message replaces the prompt while the text is invalid.
    await wb.page.locator('.quick-input-widget input').fill(sb.urls.kfp);
    await wb.page.keyboard.press('Enter');
    await answerInput('namespace', '');
    await pick('No credentials needed');
    await wb.notification(/E2E KFP: connection failed\..*401/).waitFor({ timeout: 30000 });
    await wb.screenshot('10-add-backend-401');
    await row('E2E KFP').first().click();
    await row('All Runs').first().click();
    await row(/401 Unauthorized/).first().waitFor({ timeout: 30000 });
    // The backend row says what is wrong too.
    await row(/Unauthorized: Set Credentials/).first().waitFor();
    await wb.screenshot('11-error-node');
  });

  it('recovers after Set Credentials from the error node', async () => {
    await contextMenu(/401/, 'Set Credentials');
    await answerInput('Bearer token', token);
    await row('All Runs').first().waitFor({ timeout: 30000 });
    await wb.screenshot('12-recovered');
  });

  it('browses Experiments > experiment > run > tasks', async () => {
    await openGroup('Experiments');
    const experiment = wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-level="3"]').first();
    await experiment.waitFor();
    await experiment.click();
    const run = wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-level="4"]').first();
    await run.waitFor({ timeout: 30000 });
    // Expand the run (twistie) to see its tasks.
    await run.locator('.monaco-tl-twistie').click();
    await wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-level="5"]').first().waitFor({ timeout: 30000 });
    await wb.screenshot('13-experiment-run-tasks');
  });

  it('terminates a running run from the context menu, after a modal confirmation', async () => {
    await openGroup('All Runs');
    const running = wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-level="3"]', { has: wb.page.locator('.codicon-sync') }).first();
    await running.waitFor({ timeout: 30000 });
    const name = (await running.locator('.label-name').innerText()).trim();
    sb.requests.clear();
    await running.click({ button: 'right' });
    await clickMenu('Cancel Run');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await wb.screenshot('14-cancel-confirmation');
    await dialog.getByRole('button', { name: 'Cancel Run', exact: true }).click();
    await waitUntil(() => sb.requests.count('kfp', 'POST', ':terminate') === 1);
    await wb.screenshot('15-canceled');
  });

  it('archives a run from the context menu; it moves to Archived', async () => {
    const done = wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-level="3"]', { has: wb.page.locator('.codicon-pass, .codicon-error') }).first();
    await done.waitFor();
    const name = (await done.locator('.label-name').innerText()).trim();
    await done.click({ button: 'right' });
    await clickMenu('Archive Run');
    await waitUntil(() => sb.requests.count('kfp', 'POST', ':archive') === 1);
    await openGroup('Archived');
    await wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-level="3"]', { hasText: name }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('16-archived');
  });

  it('shows active runs in the status bar and updates the count as runs finish', async () => {
    const item = wb.page.locator('[id="workbench.parts.statusbar"] [aria-label^="Runs Explorer:"]');
    await openGroup('All Runs');
    await item.first().waitFor({ timeout: 30000 });
    const before = await item.first().getAttribute('aria-label');
    assert.match(String(before), /\d+ running/);
    await wb.screenshot('17-status-bar');
    sb.clock.advance(24 * 3600_000);
    await item.first().waitFor({ state: 'detached', timeout: 30000 });
    await wb.screenshot('18-status-bar-cleared');
  });
});

async function waitUntil(probe: () => boolean, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
