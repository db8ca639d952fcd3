import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { startLangGraph, type LangGraphServer } from '../unit/backends/langgraph/server';
import { openWorkbench, type Workbench } from './support/workbench';

/** The interrupt/resume journey on the real LangGraph API server (resume = a new run with command.resume). */
describe('Journey: run panel on the real LangGraph server (stream, interrupt, resume as a new run)', () => {
  let lg: LangGraphServer;
  let wb: Workbench;

  before(async function () {
    this.timeout(240000);
    lg = await startLangGraph(120000);
    wb = await openWorkbench({
      settings: {
        'runsExplorer.refreshIntervalSeconds': 0,
        'runsExplorer.backends': [{ id: 'e2e-lg', label: 'E2E LangGraph', kind: 'langgraph', baseUrl: lg.url }],
      },
    });
  });
  after(async () => {
    await wb?.close();
    await lg?.close();
  });

  function panel(): FrameLocator {
    return wb.page.locator('iframe.webview.ready:visible').first().contentFrame().locator('#active-frame').contentFrame();
  }

  async function setEditor(selector: string, text: string): Promise<void> {
    await panel().locator(`${selector} .cm-content`).click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.insertText(text);
  }

  it('creates a run, streams its chunks and stops at the interrupt', async () => {
    await wb.openRunsView();
    await wb.runCommand('Runs Explorer: Create Run...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'E2E LangGraph' }).first().click();
    await panel().locator('#create-editor .cm-content', { hasText: 'assistant_id' }).waitFor({ timeout: 60000 });
    await setEditor('#create-editor', JSON.stringify({ assistant_id: 'chunky', input: { topic: 'e2e <b>lg</b>', n: 3, delayMs: 300 } }));
    await wb.page.keyboard.press('Control+Enter');
    await panel().locator('.output-scroll .row').first().waitFor({ timeout: 60000 });
    await panel().locator('#tab-resume[aria-selected="true"]').waitFor({ timeout: 60000 });
    assert.match((await panel().locator('.interrupt-payload').textContent()) ?? '', /approve\?/);
    await wb.screenshot('40-langgraph-interrupted');
  });

  it('keeps invalid JSON in the editor with an inline error, then resumes and follows the new run to the end', async () => {
    await setEditor('#resume-editor', '{"ok": ');
    await panel().locator('#resume-send').click();
    await panel().locator('#resume-problems', { hasText: 'Not valid JSON' }).waitFor();
    assert.strictEqual(await panel().locator('#tab-resume[aria-selected="true"]').count(), 1, 'still waiting for input');
    await setEditor('#resume-editor', '{"ok": true, "note": "<script>alert(1)</script>"}');
    await wb.page.keyboard.press('Control+Enter');
    await panel().locator('.row .type', { hasText: 'resumed' }).first().waitFor({ timeout: 30000 });
    await panel().locator('.status-badge', { hasText: 'Succeeded' }).waitFor({ timeout: 90000 });
    await wb.screenshot('41-langgraph-resumed-succeeded');
  });
});
