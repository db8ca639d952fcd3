import * as assert from 'assert';
import * as fs from 'fs';
import { openWorkbench, type Workbench } from './support/workbench';

describe('Journey: first start, no backend configured', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('opens the Runs container and shows the welcome view with both buttons', async () => {
    const pane = await wb.openRunsView();
    const add = pane.getByRole('button', { name: 'Add Backend...' });
    const sandbox = pane.getByRole('button', { name: 'Try the Sandbox' });
    await add.waitFor({ timeout: 60000 });
    await sandbox.waitFor();
    assert.ok(await add.isVisible());
    assert.ok(await sandbox.isVisible());
    const file = await wb.screenshot('01-welcome-view');
    assert.ok(fs.statSync(file).size > 10000, 'screenshot written');
  });

  it('offers the commands in the palette under "Runs Explorer:"', async () => {
    await wb.runCommand('Runs Explorer: Show Log');
    await wb.page.locator('.panel .monaco-editor, .panel .output-view').first().waitFor({ timeout: 30000 });
    await wb.screenshot('02-show-log');
  });

  it('Try the Sandbox (from the welcome view) adds four working backends; Stop the Sandbox removes them', async () => {
    const pane = await wb.openRunsView();
    await pane.getByRole('button', { name: 'Try the Sandbox' }).click();
    const sidebar = wb.page.locator('[id="workbench.parts.sidebar"]');
    for (const label of ['Sandbox KFP', 'Sandbox ICA', 'Sandbox ACP', 'Sandbox Agent Protocol']) {
      await sidebar.locator('.monaco-list-row', { hasText: label }).first().waitFor({ timeout: 60000 });
    }
    // ICA needs its API key: the sandbox stored it in the secret store, so runs list at once.
    await sidebar.locator('.monaco-list-row', { hasText: 'Sandbox ICA' }).first().click();
    await sidebar.locator('.monaco-list-row[aria-level="2"]', { has: wb.page.locator('.codicon-pass, .codicon-error, .codicon-sync, .codicon-clock') }).first().waitFor({ timeout: 30000 });
    await wb.screenshot('03-sandbox-backends');
    await wb.runCommand('Runs Explorer: Stop the Sandbox');
    await pane.getByRole('button', { name: 'Try the Sandbox' }).waitFor({ timeout: 30000 });
    assert.strictEqual(await sidebar.locator('.monaco-list-row', { hasText: 'Sandbox KFP' }).count(), 0);
  });
});
