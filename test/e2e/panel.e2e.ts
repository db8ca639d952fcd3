import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { ACP_AGENTS, startSandbox, type Sandbox } from '../../src/sandbox';
import { openWorkbench, type Workbench } from './support/workbench';

const XSS_TOPIC = '<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;alert(2)">';

/** Journeys of the run panel against the sandbox: create, stream, interrupt, resume with JSON, XSS-safe output. */
describe('Journey: run panel (create, stream, interrupt, resume) against the sandbox', () => {
  let sb: Sandbox;
  let wb: Workbench;
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  let runId = '';

  before(async () => {
    sb = await startSandbox({ seed: 5, runs: 8, speed: 1 });
    wb = await openWorkbench({
      settings: {
        'runsExplorer.refreshIntervalSeconds': 0,
        'runsExplorer.backends': [
          { id: 'e2e-acp', label: 'E2E ACP', kind: 'acp', baseUrl: sb.urls.acp },
          { id: 'e2e-ap', label: 'E2E Agent Protocol', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
        ],
      },
    });
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    wb.page.on('console', (m) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  after(async () => {
    await wb?.close();
    await sb?.close();
  });

  /** The visible run panel's content frame (a webview is two nested iframes). */
  function panel(): FrameLocator {
    return wb.page.locator('iframe.webview.ready:visible').first().contentFrame().locator('#active-frame').contentFrame();
  }

  /**
   * Picks an item of the visible quick pick. The next pick of a flow replaces the list in place, so
   * wait until the chosen row is gone before the next one (else a click can land on a stale row).
   */
  async function pick(label: string): Promise<void> {
    const row = wb.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row:visible', { hasText: label }).first();
    await row.waitFor({ timeout: 30000 });
    await row.click();
    await wb.page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row:visible', { hasText: label }).first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
  }

  /** Replaces the text of a CodeMirror editor (insertText: no auto-closed brackets). */
  async function setEditor(selector: string, text: string): Promise<void> {
    const content = panel().locator(`${selector} .cm-content`);
    await content.click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.insertText(text);
  }

  async function acpPosts(id: string): Promise<number> {
    const res = await fetch(new URL('__sandbox/requests', sb.urls.acp));
    const log = (await res.json()) as Array<{ method: string; path: string }>;
    return log.filter((e) => e.method === 'POST' && e.path.replace(/\/$/, '').endsWith(`/runs/${id}`)).length;
  }

  async function acpCreates(): Promise<number> {
    const res = await fetch(new URL('__sandbox/requests', sb.urls.acp));
    const log = (await res.json()) as Array<{ method: string; path: string }>;
    return log.filter((e) => e.method === 'POST' && /\/runs\/?$/.test(e.path)).length;
  }

  it('creates an ACP run from the Create Run panel (agent picked first, template and schema from its descriptor)', async () => {
    const approver = ACP_AGENTS.find((a) => a.interrupts)!;
    await wb.openRunsView();
    await wb.runCommand('Runs Explorer: Create Run...');
    await pick('E2E ACP');
    await pick(approver.name);
    const editor = panel().locator('#create-editor .cm-content');
    await editor.waitFor({ timeout: 60000 });
    assert.match((await editor.textContent()) ?? '', new RegExp(approver.id), 'prefilled for the picked agent');
    await wb.screenshot('30-create-run-acp');
    const creates = await acpCreates();
    // Invalid JSON stays in the editor with an inline error; nothing is created.
    await setEditor('#create-editor', '{"agent_id": ');
    await panel().locator('#create-send').click();
    await panel().locator('#create-problems', { hasText: 'Not valid JSON' }).waitFor();
    // A body the agent's schemas refuse: the problem is shown at the value; nothing is created.
    await setEditor('#create-editor', JSON.stringify({ agent_id: approver.id, input: { topic: '' }, streaming: 'values' }, null, 2));
    await panel().locator('#create-send').click();
    await panel().locator('#create-problems', { hasText: '/input/topic' }).waitFor();
    await panel().locator('#create-problems', { hasText: '/streaming' }).waitFor();
    await panel().locator('#create-editor .cm-lintRange-error').first().waitFor();
    await wb.screenshot('30b-create-run-schema-errors');
    assert.strictEqual(await acpCreates(), creates, 'no POST /runs');
    await setEditor('#create-editor', JSON.stringify({ agent_id: approver.id, input: { topic: XSS_TOPIC }, streaming: 'custom', metadata: { name: 'e2e approval' } }, null, 2));
    await wb.page.keyboard.press('Control+Enter');
    // The run's own panel replaces the create panel and streams.
    await panel().locator('.run-name', { hasText: 'e2e approval' }).waitFor({ timeout: 30000 });
    runId = ((await panel().locator('.run-id code').textContent()) ?? '').trim();
    assert.ok(runId.length > 8, `run id shown: ${runId}`);
  });

  it('shows events as they arrive, then the interrupt with the Resume section', async () => {
    const rows = panel().locator('.output-scroll .row');
    await rows.first().waitFor({ timeout: 30000 });
    await wb.screenshot('31-run-streaming');
    await panel().locator('#tab-resume[aria-selected="true"]').waitFor({ timeout: 60000 });
    assert.ok((await rows.count()) >= 3, 'several events arrived');
    await panel().locator('.status-badge', { hasText: 'Needs input' }).waitFor();
    const payload = (await panel().locator('.interrupt-payload').textContent()) ?? '';
    assert.ok(payload.includes('<script>window.__xss=1;alert(1)</script>'), 'server text shown verbatim as text');
    assert.strictEqual(await panel().locator('.interrupt-payload script, .interrupt-payload img, .output-scroll img, .output-scroll script').count(), 0, 'no element made from server text');
    const prefill = (await panel().locator('#resume-editor .cm-content').textContent()) ?? '';
    assert.match(prefill, /"approved":\s*false/, 'prefilled from the resume schema');
    await wb.screenshot('32-run-interrupted-resume');
  });

  it('refuses invalid JSON inline and sends nothing', async () => {
    const before = await acpPosts(runId);
    await setEditor('#resume-editor', '{"approved": tru');
    await panel().locator('#resume-send').click();
    await panel().locator('#resume-problems', { hasText: 'Not valid JSON' }).waitFor();
    await panel().locator('#resume-editor .cm-lintRange-error').first().waitFor();
    await wb.screenshot('33-resume-invalid-json');
    assert.strictEqual(await acpPosts(runId), before, 'no POST /runs/{id}');
  });

  it('refuses a value that violates the resume schema, at its place, and sends nothing', async () => {
    const before = await acpPosts(runId);
    await setEditor('#resume-editor', '{\n  "approved": "yes"\n}');
    await wb.page.keyboard.press('Control+Enter');
    await panel().locator('#resume-problems', { hasText: '/approved' }).waitFor();
    await panel().locator('#resume-editor .cm-lintRange-error', { hasText: '"yes"' }).first().waitFor();
    await wb.screenshot('34-resume-schema-error');
    assert.strictEqual(await acpPosts(runId), before, 'no POST /runs/{id}');
  });

  it('sends a valid value once and follows the run to the end', async () => {
    const before = await acpPosts(runId);
    await setEditor('#resume-editor', '{"interrupt_type": "approval", "approved": true, "comment": "<b>ok</b>"}');
    await wb.page.keyboard.press('Control+Enter');
    await panel().locator('.status-badge', { hasText: 'Succeeded' }).waitFor({ timeout: 60000 });
    assert.strictEqual(await acpPosts(runId), before + 1, 'exactly one resume POST');
    await panel().locator('#tab-output[aria-selected="true"]').waitFor();
    await wb.screenshot('35-run-resumed-succeeded');
  });

  it('finds in the output and shows the run object in Details', async () => {
    await panel().locator('#find-output').fill('success');
    await panel().locator('.find-count', { hasText: /of \d+/ }).waitFor();
    await panel().locator('.row.current').first().waitFor();
    await panel().locator('#tab-details').click();
    await panel().locator('.run-json .json-key', { hasText: '"run_id"' }).first().waitFor();
    await wb.screenshot('36-run-details');
    await panel().locator('#tab-output').click();
  });

  it('ran no script from server data and broke no CSP rule', async () => {
    assert.deepStrictEqual(dialogs, [], 'no alert() ran');
    const xss = await panel().locator('body').evaluate(() => (globalThis as unknown as { __xss?: number }).__xss);
    assert.strictEqual(xss, undefined);
    assert.deepStrictEqual(cspViolations, []);
  });

  it('creates an Agent Protocol run and shows its stream', async () => {
    await wb.runCommand('Runs Explorer: Create Run...');
    await pick('E2E Agent Protocol');
    await pick('research-assistant');
    await pick('stream');
    await panel().locator('#create-editor .cm-content', { hasText: 'stream_mode' }).waitFor({ timeout: 60000 });
    await setEditor('#create-editor', JSON.stringify({ agent_id: 'research-assistant', input: { topic: 'e2e stream' }, stream_mode: ['values', 'updates', 'custom'], run_mode: 'stream' }));
    await panel().locator('#create-send').click();
    await panel().locator('.run-header .status-badge').waitFor({ timeout: 30000 });
    const rows = panel().locator('.output-scroll .row');
    await rows.nth(2).waitFor({ timeout: 60000 });
    await panel().locator('.status-badge', { hasText: /Succeeded|Failed/ }).waitFor({ timeout: 60000 });
    await wb.screenshot('37-agent-protocol-run-streamed');
    // Open the first event: pretty JSON, foldable.
    await rows.first().locator('.row-summary').click();
    await panel().locator('.row-body .json-tree').first().waitFor();
    await wb.screenshot('38-event-expanded');
  });

  it('a window reload brings the run panel back, with its run and output (the serializer loads the panels)', async () => {
    const name = (await panel().locator('.run-header .run-name').first().textContent())?.trim() ?? '';
    assert.ok(name, 'the panel names its run');
    // The web workbench saves the open editors every 5 s.
    await wb.page.waitForTimeout(6000);
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await panel().locator('.run-header', { hasText: name }).waitFor({ timeout: 60000 });
    await panel().locator('.output-scroll .row').nth(2).waitFor({ timeout: 60000 });
    await panel().locator('.status-badge', { hasText: /Succeeded|Failed/ }).waitFor({ timeout: 60000 });
  });
});
