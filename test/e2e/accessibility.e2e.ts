import * as assert from 'assert';
import * as fs from 'fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { STATUS_LABELS } from '../../src/shared/time';
import { openWorkbench, type Workbench } from './support/workbench';

/** One node of an aria snapshot (Playwright's YAML, one `- role "name"` per line). */
interface AxNode {
  readonly role: string;
  readonly name: string;
  readonly line: string;
}

/** The nodes of `locator.ariaSnapshot()` with their role and accessible name (shadow roots included). */
async function axNodes(locator: Locator): Promise<AxNode[]> {
  const yaml = await locator.ariaSnapshot({ timeout: 30000 });
  // RUNS_EXPLORER_A11Y_DUMP=file appends every snapshot taken, to see what a screen reader gets.
  if (process.env.RUNS_EXPLORER_A11Y_DUMP) fs.appendFileSync(process.env.RUNS_EXPLORER_A11Y_DUMP, `\n=====\n${yaml}\n`);
  const nodes: AxNode[] = [];
  for (const line of yaml.split('\n')) {
    // `- role "name" [attrs]: text`, single-quoted as a whole when it holds a colon (`''` is a quote then).
    const m = /^\s*- ('?)([a-z]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
    if (!m) continue;
    const name = (m[3] ?? '').replace(/\\(.)/g, '$1');
    nodes.push({ role: m[2], name: m[1] ? name.replace(/''/g, "'") : name, line: line.trim() });
  }
  return nodes;
}

/** Controls a keyboard or screen-reader user acts on: each needs a non-empty accessible name. */
const CONTROL_ROLES = new Set(['button', 'tab', 'textbox', 'checkbox', 'searchbox', 'combobox', 'link', 'switch', 'radio', 'menuitem', 'slider', 'spinbutton']);

function unnamedControls(nodes: readonly AxNode[]): string[] {
  return nodes.filter((n) => CONTROL_ROLES.has(n.role) && n.name.trim() === '').map((n) => n.line);
}

/** The element focused inside the run panel's content frame (through open shadow roots). */
async function focused(panel: FrameLocator): Promise<{ tag: string; id: string; role: string; label: string; text: string }> {
  return panel.locator('body').evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const e = el as HTMLElement | null;
    return { tag: e?.tagName.toLowerCase() ?? '', id: e?.id ?? '', role: e?.getAttribute('role') ?? '', label: e?.getAttribute('aria-label') ?? '', text: (e?.textContent ?? '').trim().slice(0, 60) };
  });
}

async function tabUntil(page: Page, panel: FrameLocator, probe: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40, key = 'Tab'): Promise<Awaited<ReturnType<typeof focused>>> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(panel);
    if (probe(f)) return f;
  }
  throw new Error(`focus never reached the expected element after ${max} x ${key}`);
}

/**
 * The main journey checked through Chromium's accessibility tree: the Runs tree, the status bar and the run
 * panel have names; an interrupted ACP run is answered and resumed with the keyboard only; the panel is
 * legible in the light and high-contrast themes (screenshots a11y-*.png).
 */
describe('Accessibility: names in the tree, status bar and run panel; keyboard-only resume', () => {
  let sb: Sandbox;
  let wb: Workbench;
  const statuses = Object.values(STATUS_LABELS);
  const backends = () => [{ id: 'a11y-acp', label: 'A11y ACP', kind: 'acp', baseUrl: sb.urls.acp }];

  before(async () => {
    sb = await startSandbox({ seed: 11, runs: 24, speed: 1 });
    wb = await openWorkbench({ settings: { 'runsExplorer.refreshIntervalSeconds': 0, 'runsExplorer.backends': backends() } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAIL-a11y-${this.currentTest.title.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await sb?.close();
  });

  function panel(): FrameLocator {
    return wb.page.locator('iframe.webview.ready:visible').first().contentFrame().locator('#active-frame').contentFrame();
  }
  const sidebar = () => wb.page.locator('[id="workbench.parts.sidebar"]');

  /** Opens the first interrupted run of the tree: a click, else (a re-rendering row can miss it) Enter on the row. */
  async function openInterruptedRun(): Promise<void> {
    const row = sidebar().locator('.monaco-list-row[aria-level="3"]', { has: wb.page.locator('.codicon-bell-dot') }).first();
    const editor = panel().locator('#resume-editor .cm-content');
    for (let attempt = 0; attempt < 3; attempt++) {
      await row.click();
      if (attempt > 0) await wb.page.keyboard.press('Enter');
      if (await editor.waitFor({ timeout: 20000 }).then(() => true, () => false)) break;
    }
    await panel().locator('#tab-resume[aria-selected="true"]').waitFor({ timeout: 30000 });
    await editor.waitFor();
  }

  it('names every Runs-tree row; run rows say the run name and its status', async () => {
    await wb.openRunsView();
    await wb.expandRow('A11y ACP');
    await wb.expandRow('echo-approver');
    const runRows = sidebar().locator('.monaco-list-row[aria-level="3"]');
    await runRows.first().waitFor({ timeout: 30000 });
    const tree = await axNodes(sidebar().getByRole('tree').first());
    const items = tree.filter((n) => n.role === 'treeitem');
    assert.ok(items.length >= 3, `tree items in the accessibility tree: ${items.map((i) => i.line).join(' | ')}`);
    assert.deepStrictEqual(items.filter((i) => i.name.trim() === '').map((i) => i.line), [], 'every tree item has a name');
    const count = await runRows.count();
    assert.ok(count >= 1, 'runs under echo-approver');
    for (let i = 0; i < count; i++) {
      const visible = (await runRows.nth(i).locator('.label-name').innerText()).trim();
      const item = items.find((n) => n.name.startsWith(visible));
      assert.ok(item, `a treeitem named after the run "${visible}"`);
      assert.ok(statuses.some((s) => item.name.includes(s)), `the name says the status: ${item.name}`);
    }
    assert.ok(items.some((n) => n.name.includes('Needs input')), 'an interrupted run is announced as needing input');
  });

  it('names the status bar item with its counts', async () => {
    await wb.page.locator('[id="workbench.parts.statusbar"] [aria-label^="Runs Explorer:"]').first().waitFor({ timeout: 30000 });
    const bar = await axNodes(wb.page.locator('[id="workbench.parts.statusbar"]'));
    const ours = bar.find((n) => n.name.startsWith('Runs Explorer:'));
    assert.ok(ours, `a status bar entry named "Runs Explorer: ...": ${bar.map((n) => n.line).join(' | ')}`);
    assert.match(ours.name, /\d+ (running|waiting for input)/);
  });

  it('names every control of the run panel', async () => {
    await openInterruptedRun();
    const resumeTab = await axNodes(panel().locator('body'));
    assert.deepStrictEqual(unnamedControls(resumeTab), [], 'named controls (Resume tab)');
    for (const [role, name] of [['tab', 'Output'], ['tab', 'Details'], ['tab', 'Resume'], ['textbox', 'Resume value (JSON)'], ['button', 'Resume...'], ['button', 'Export Output...']] as const) {
      assert.ok(resumeTab.some((n) => n.role === role && n.name.includes(name)), `${role} "${name}" in ${resumeTab.map((n) => n.line).join(' | ')}`);
    }
    await panel().locator('#tab-output').click();
    await panel().locator('.output-scroll .row').first().waitFor({ timeout: 30000 });
    const outputTab = await axNodes(panel().locator('body'));
    assert.deepStrictEqual(unnamedControls(outputTab), [], 'named controls (Output tab)');
    for (const [role, name] of [['checkbox', 'Follow tail'], ['searchbox', 'Find in output'], ['button', 'Previous match'], ['button', 'Copy All']] as const) {
      assert.ok(outputTab.some((n) => n.role === role && n.name.includes(name)), `${role} "${name}" in ${outputTab.map((n) => n.line).join(' | ')}`);
    }
    assert.ok(outputTab.some((n) => n.role === 'button' && /^Event \d+: /.test(n.name)), 'output rows are named buttons');
    // Label in name (WCAG 2.5.3): a button's accessible name is the text it shows, so speech input finds it.
    const mismatched = await panel().locator('body').evaluate(() =>
      Array.from(document.querySelectorAll('vscode-button')).map((b) => [b.getAttribute('aria-label') ?? '', (b.textContent ?? '').trim()]).filter(([name, text]) => !name.toLowerCase().includes(text.toLowerCase())),
    );
    assert.deepStrictEqual(mismatched, [], 'buttons whose name lacks their visible text');
    await panel().locator('#tab-details').click();
    await panel().locator('.run-json .json-key').first().waitFor();
    assert.deepStrictEqual(unnamedControls(await axNodes(panel().locator('body'))), [], 'named controls (Details tab)');
  });

  it('answers the interrupt with the keyboard only: tabs with arrows, Enter, JSON, Ctrl+Enter', async () => {
    const page = wb.page;
    // Start from the panel's first focusable element, then walk with Tab to the selected tab.
    await panel().locator('.run-id').focus();
    const selected = await panel().locator('[role="tab"][aria-selected="true"]').getAttribute('id');
    const tab = await tabUntil(page, panel(), (f) => f.role === 'tab');
    assert.strictEqual(tab.id, selected, 'Tab lands on the selected tab only (roving tabindex)');
    await page.keyboard.press('Home');
    assert.strictEqual((await focused(panel())).id, 'tab-output');
    await panel().locator('#tab-output[aria-selected="true"]').waitFor();
    await page.keyboard.press('ArrowRight');
    assert.strictEqual((await focused(panel())).id, 'tab-details');
    await panel().locator('#tab-details[aria-selected="true"]').waitFor();
    await page.keyboard.press('End');
    assert.strictEqual((await focused(panel())).id, 'tab-resume');
    await panel().locator('#tab-resume[aria-selected="true"]').waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    assert.strictEqual((await focused(panel())).id, 'tab-resume', 'arrows wrap around');
    // Enter on the Resume tab puts the caret in the JSON editor.
    await page.keyboard.press('Enter');
    await waitFor(async () => (await focused(panel())).label === 'Resume value (JSON)', 'focus in the resume editor');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{"approved": "yes"}');
    await page.keyboard.press('Control+Enter');
    await panel().locator('#resume-problems', { hasText: '/approved' }).waitFor();
    const problems = await axNodes(panel().locator('#resume-problems'));
    assert.ok(problems.some((n) => n.line.includes('/approved')), `the schema error is in the accessibility tree: ${problems.map((n) => n.line).join(' | ')}`);
    await wb.screenshot('a11y-01-keyboard-resume-error');
    // Escape then Tab leaves the editor (Tab alone indents): the keyboard is never trapped.
    // (Key times are logged: CodeMirror honours the Tab only within 2 s of the Escape.)
    await panel().locator('body').evaluate(() => {
      const w = window as unknown as { __keys?: string[] };
      w.__keys = [];
      window.addEventListener('keydown', (e) => w.__keys!.push(`${e.key} at ${Date.now()}${e.defaultPrevented ? ' (prevented)' : ''}`));
    });
    const keys = () => panel().locator('body').evaluate(() => (window as unknown as { __keys?: string[] }).__keys ?? []);
    // An Escape the editor uses (collapsing a selection, closing a popup) is prevented; a user presses it again.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Escape');
      if (!(await keys()).at(-1)?.includes('(prevented)')) break;
    }
    await page.keyboard.press('Tab');
    assert.notStrictEqual((await focused(panel())).label, 'Resume value (JSON)', `Escape, Tab moves out of the editor (keys: ${(await keys()).join(', ')})`);
    await tabUntil(page, panel(), (f) => f.label === 'Resume value (JSON)', 10, 'Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{"approved": true, "comment": "by keyboard"}');
    await page.keyboard.press('Control+Enter');
    await panel().locator('.status-badge', { hasText: 'Succeeded' }).waitFor({ timeout: 60000 });
    await panel().locator('#tab-output[aria-selected="true"]').waitFor();
    await wb.screenshot('a11y-02-keyboard-resumed');
  });

  for (const [theme, file] of [['Default Light Modern', 'a11y-03-light'], ['Default High Contrast', 'a11y-04-high-contrast'], ['Default High Contrast Light', 'a11y-05-high-contrast-light']] as const) {
    it(`shows the panel legibly in ${theme}`, async () => {
      await wb.close();
      wb = await openWorkbench({ settings: { 'workbench.colorTheme': theme, 'runsExplorer.refreshIntervalSeconds': 0, 'runsExplorer.backends': backends() } });
      await wb.openRunsView();
      await wb.expandRow('A11y ACP');
      await wb.expandRow('echo-approver');
      await openInterruptedRun();
      await panel().locator('#resume-editor .cm-content').click();
      await wb.page.keyboard.press('Control+A');
      await wb.page.keyboard.insertText('{"approved": "yes"}');
      await wb.page.keyboard.press('Control+Enter');
      await panel().locator('#resume-problems', { hasText: '/approved' }).waitFor();
      // Selected text must stay legible too (opaque selections in high contrast).
      await wb.page.keyboard.press('Home');
      await wb.page.keyboard.press('Shift+End');
      await wb.screenshot(`${file}-resume`);
      await panel().locator('#tab-output').click();
      await panel().locator('.output-scroll .row').first().waitFor({ timeout: 30000 });
      await panel().locator('#find-output').fill('step');
      await panel().locator('.output-scroll .row-summary').first().focus();
      await wb.screenshot(`${file}-output`);
      assert.deepStrictEqual(unnamedControls(await axNodes(panel().locator('body'))), []);
    });
  }
});

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
