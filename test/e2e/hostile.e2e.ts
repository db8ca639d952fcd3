import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, FrameLocator } from 'playwright-core';
import { ACP_AGENTS, HOSTILE_STRINGS, startSandbox, type Sandbox } from '../../src/sandbox';
import { openWorkbench, type Workbench } from './support/workbench';

/**
 * Hostile server content (issue 7): every payload sets a marker if it ever runs (`window.__pwned`,
 * document.title "PWNED") or tries a command URI. They go into run names, ids, error messages,
 * interrupt payloads and output; the tree (labels, tooltips), notifications and the run panel must
 * show them as inert text.
 */
const CORPUS: readonly string[] = [
  '<script>window.__pwned=1;document.title="PWNED"</script>',
  '<img src=x onerror="window.__pwned=2;document.title=\'PWNED\'">',
  '"><svg/onload="window.__pwned=3">',
  '<svg><script>window.__pwned=4</script></svg>',
  'javascript:window.__pwned=5//',
  '<a href="javascript:window.__pwned=6">click</a>',
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD03PC9zY3JpcHQ+',
  '<iframe src="data:text/html,<script>parent.__pwned=8</script>"></iframe>',
  '<style>*{display:none!important}</style><div style="background:url(javascript:window.__pwned=9)">css</div>',
  '<details open ontoggle="window.__pwned=10">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=11">',
  '[Open a terminal](command:workbench.action.terminal.new)',
  '[remove](command:runsExplorer.removeBackend?%5B%22h-acp%22%5D "Remove")',
  '![pixel](https://evil.example/pixel.png?c=1) ![x](command:workbench.action.terminal.new)',
  '<a href="command:workbench.action.terminal.new">terminal</a>',
  '[js](javascript:window.__pwned=12) [data](data:text/html,<script>window.__pwned=13</script>)',
  '**bold** _em_ `code` <b>html</b> # heading\n- list',
  '\u202Egnp.exe\u202C and \u2066isolate\u2069 and \u200Bzero\u200Dwidth\uFEFF',
  '{{constructor.constructor("window.__pwned=14")()}} ${{ github.token }} `$(touch /tmp/pwned)`',
  '<!--<img src=x onerror="window.__pwned=15">-->&lt;script&gt;entities&lt;/script&gt;',
  'A'.repeat(1_000_000),
];

const RESEARCH = ACP_AGENTS.find((a) => a.name === 'research-assistant')!.id;
const APPROVER = ACP_AGENTS.find((a) => a.name === 'echo-approver')!.id;
const SECRET = 'acp-e2e-secret-key-5f2c9a71d3';

/** Hostile runs for ACP's run search: payloads as names, in ids and as status strings. */
function hostileRuns(): unknown[] {
  const now = new Date().toISOString();
  return CORPUS.map((p, i) => ({
    run_id: `hostile-${i}-${encodeURIComponent(p.slice(0, 24))}`,
    agent_id: RESEARCH,
    status: i % 4 === 0 ? p.slice(0, 60) : 'success',
    created_at: now,
    updated_at: now,
    creation: { agent_id: RESEARCH, metadata: { name: `H${i} ${p}` } },
  }));
}

describe('Journey: hostile server content is inert; drafts survive failures and reloads; secrets stay secret', () => {
  let sb: Sandbox;
  let wb: Workbench;
  const dialogs: string[] = [];

  before(async () => {
    assert.ok(CORPUS.length >= 20 && HOSTILE_STRINGS.length > 0);
    sb = await startSandbox({ seed: 9, runs: 12, speed: 1, hostile: true });
    // Every run search answers the hostile list; every read of a hostile run answers its object.
    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs/search$' }, count: 100_000, fault: { status: 200, body: JSON.stringify(hostileRuns()) } });
    const runs = hostileRuns() as Array<{ run_id: string }>;
    sb.faults.add('acp', { match: { method: 'GET', path: '^/runs/hostile-[^/]*$' }, count: 100_000, fault: { status: 200, body: JSON.stringify(runs[1]) } });
    sb.faults.add('agentProtocol', { match: { path: '^/(runs|threads)/search$' }, count: 100_000, fault: { status: 500, body: JSON.stringify({ message: CORPUS.slice(0, 16).join(' | ') }) } });
    wb = await openWorkbench({
      settings: {
        'runsExplorer.refreshIntervalSeconds': 0,
        'runsExplorer.backends': [
          { id: 'h-acp', label: 'Hostile ACP', kind: 'acp', baseUrl: sb.urls.acp, agentId: RESEARCH },
          { id: 'h-ap', label: 'Hostile errors', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
          { id: 'h-kfp', label: 'Hostile KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
        ],
      },
    });
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAIL-hostile-${this.currentTest.title.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await sb?.close();
  });

  const sidebar = () => wb.page.locator('[id="workbench.parts.sidebar"]');
  const row = (name: string | RegExp) => sidebar().locator('.monaco-list-row', { hasText: name });

  function panel(): FrameLocator {
    return wb.page.locator('iframe.webview.ready:visible').first().contentFrame().locator('#active-frame').contentFrame();
  }

  /** Markers in the workbench page and in every (webview) frame. */
  async function markers(): Promise<string[]> {
    const found: string[] = [];
    const frames: Frame[] = wb.page.frames();
    for (const f of frames) {
      const r = await f
        .evaluate(() => ({ pwned: (globalThis as unknown as { __pwned?: unknown }).__pwned, title: document.title }))
        .catch(() => undefined);
      if (r && r.pwned !== undefined) found.push(`${f.url().slice(0, 80)}: __pwned=${String(r.pwned)}`);
      if (r && r.title === 'PWNED') found.push(`${f.url().slice(0, 80)}: title ${r.title}`);
    }
    return found;
  }

  /** No command or script link anywhere in the given part of the page; clicking links runs nothing. */
  async function assertNoActiveLinks(scope: ReturnType<Workbench['page']['locator']>, where: string): Promise<void> {
    const links = scope.locator('a[href^="command:"], a[href^="javascript:"], a[href^="data:"], a[data-href^="command:"], a[data-href^="javascript:"]');
    assert.strictEqual(await links.count(), 0, `${where}: no command/javascript/data link`);
    assert.strictEqual(await scope.locator('img[src*="evil.example"], script, iframe, svg script').count(), 0, `${where}: no element made from server text`);
  }

  /** Picks this row when a quick pick shows it (commands skip the pick when the tree selection says). */
  async function maybePick(label: string): Promise<void> {
    const item = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) await item.click();
  }

  /** Keyboard focus back on the workbench (F1 does not reach the palette from inside a webview). */
  async function focusWorkbench(): Promise<void> {
    await sidebar().locator('.composite.title .title-label').first().click();
  }

  async function clearNotifications(): Promise<void> {
    await focusWorkbench();
    await wb.runCommand('Notifications: Clear All Notifications');
    await wb.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }

  /** Clicks every link that is not a plain web link (those only open after a confirmation dialog). */
  async function clickNonWebLinks(scope: ReturnType<Workbench['page']['locator']>): Promise<void> {
    for (const a of await scope.locator('a').all()) {
      const href = (await a.getAttribute('href', { timeout: 1000 }).catch(() => null)) ?? (await a.getAttribute('data-href', { timeout: 1000 }).catch(() => null)) ?? '';
      if (/^https?:/i.test(href)) continue;
      await a.click({ timeout: 2000 }).catch(() => undefined);
    }
    await wb.page.keyboard.press('Escape');
  }

  async function terminalOpen(): Promise<boolean> {
    return wb.page.locator('.terminal-outer-container, .integrated-terminal').first().isVisible().catch(() => false);
  }

  it('tree labels and tooltips show every payload as text; nothing runs; no command link', async () => {
    await wb.openRunsView();
    await wb.expandRow('Hostile ACP');
    await row(/^H1 /).first().waitFor({ timeout: 60000 });
    await wb.screenshot('60-hostile-tree');
    const labels = (await sidebar().locator('.monaco-list-row .label-name').allTextContents()).join('\n');
    for (const i of [0, 1, 2, 5, 11, 14]) assert.ok(labels.includes(`H${i} ${CORPUS[i].slice(0, 20)}`), `payload ${i} shown verbatim in a label`);
    await assertNoActiveLinks(sidebar(), 'tree');
    // Tooltips: Markdown without isTrusted, server text appended as text.
    for (const i of [1, 11, 13]) {
      await row(new RegExp(`^H${i} `)).first().hover();
      const hover = wb.page.locator('.monaco-hover:visible, .workbench-hover:visible', { hasText: `H${i} ` }).first();
      await hover.waitFor({ timeout: 10000 });
      const text = ((await hover.textContent()) ?? '').replace(/\u00a0/g, ' ');
      assert.ok(text.includes(`H${i} ${CORPUS[i].slice(0, 8)}`), `tooltip ${i} shows the payload as text: ${text.slice(0, 200)}`);
      await assertNoActiveLinks(hover, `tooltip ${i}`);
      await clickNonWebLinks(hover);
      await wb.page.mouse.move(0, 0);
      await wb.page.keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
    await wb.screenshot('61-hostile-tooltip');
    assert.strictEqual(await terminalOpen(), false, 'no command ran (no terminal opened)');
    assert.deepStrictEqual(await markers(), []);
  });

  it('server error messages (tree row, tooltip, notification) are inert text', async () => {
    await wb.expandRow('Hostile errors');
    const err = row(/Internal Server Error/).first();
    await err.waitFor({ timeout: 60000 });
    const text = (await err.textContent()) ?? '';
    assert.ok(text.includes('<script>window.__pwned=1'), `the error row shows the server text: ${text.slice(0, 120)}`);
    await err.hover();
    await wb.page.locator('.monaco-hover:visible, .workbench-hover:visible').first().waitFor({ timeout: 10000 }).catch(() => undefined);
    await assertNoActiveLinks(wb.page.locator('.monaco-hover, .workbench-hover'), 'error tooltip');
    await wb.page.mouse.move(0, 0);
    // Test Connection shows the server's message in a notification.
    await row('Hostile errors').first().click({ button: 'right' });
    const item = wb.page.getByRole('menuitem', { name: 'Test Connection' }).first();
    await item.waitFor();
    await item.hover();
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notification-toast', { hasText: /Internal Server Error|500/ }).first();
    await toast.waitFor({ timeout: 30000 });
    await wb.screenshot('62-hostile-notification');
    await assertNoActiveLinks(wb.page.locator('.notification-toast'), 'notification');
    await clickNonWebLinks(toast);
    assert.strictEqual(await terminalOpen(), false, 'no command ran from the notification');
    assert.ok(await row('Hostile ACP').first().isVisible(), 'no backend was removed by a command link');
    assert.deepStrictEqual(await markers(), []);
  });

  it('the run panel shows hostile names, ids, errors, output and interrupt payloads as text', async () => {
    // A real run whose input (and so its output and interrupt payload) carries payloads.
    const topic = CORPUS.slice(0, 12).join(' ');
    const res = await fetch(new URL('runs', sb.urls.acp), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agent_id: APPROVER, input: { topic }, streaming: 'custom', metadata: { name: `real ${CORPUS[1]}` } }) });
    const real = (await res.json()) as Record<string, unknown>;
    sb.faults.clear('acp');
    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs/search$' }, count: 100_000, fault: { status: 200, body: JSON.stringify([real, ...hostileRuns()]) } });
    const runs = hostileRuns() as Array<{ run_id: string }>;
    sb.faults.add('acp', { match: { method: 'GET', path: '^/runs/hostile-[^/]*$' }, count: 100_000, fault: { status: 200, body: JSON.stringify(runs[1]) } });
    await wb.runCommand('Runs Explorer: Refresh');
    // The hostile run: header shows the name and id as text; its stream fails with the id in the error.
    await row(/^H1 /).first().click();
    await panel().locator('.run-name').waitFor({ timeout: 60000 });
    const name = (await panel().locator('.run-name').textContent()) ?? '';
    assert.ok(name.includes('H1 <img src=x onerror='), `name as text: ${name}`);
    await wb.screenshot('63-hostile-panel');
    // The real run: output and the interrupt payload.
    await row(/^real /).first().click();
    await panel().locator('.run-name', { hasText: 'real <img' }).waitFor({ timeout: 60000 });
    await panel().locator('#tab-resume[aria-selected="true"]').waitFor({ timeout: 60000 });
    const payload = (await panel().locator('.interrupt-payload').textContent()) ?? '';
    assert.ok(payload.includes('<script>window.__pwned=1'), 'interrupt payload shown as text');
    await panel().locator('#tab-output').click();
    await panel().locator('.output-scroll .row').first().waitFor({ timeout: 30000 });
    const out = (await panel().locator('.output-scroll').textContent()) ?? '';
    assert.ok(out.includes('<img src=x onerror='), 'output shown as text');
    await wb.screenshot('64-hostile-output');
    const made = panel().locator('script:not([nonce]):not(#_vscodeApiScript), img[src="x"], img[src*="evil"], iframe, svg script, [onerror], [onload], [ontoggle], a[href^="javascript:"], a[href^="command:"], a[href^="data:"]');
    const html = await made.evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 200)));
    assert.deepStrictEqual(html, [], 'no element made from server text');
    assert.deepStrictEqual(await markers(), []);
    assert.deepStrictEqual(dialogs, [], 'no alert()');
  });

  it('a rejected resume keeps the JSON in the editor, also after the webview reloads', async () => {
    await clearNotifications();
    await panel().locator('#tab-resume').click();
    const typed = '{"interrupt_type": "approval", "approved": true, "comment": "keep me 7f3a"}';
    const content = panel().locator('#resume-editor .cm-content');
    await content.click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.insertText(typed);
    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs/[^/]+$' }, count: 1, fault: { status: 422, body: JSON.stringify('approval service rejected the answer') } });
    await panel().locator('#resume-send').click();
    await panel().locator('#resume-problems', { hasText: '422' }).waitFor({ timeout: 30000 });
    assert.ok(((await content.textContent()) ?? '').includes('keep me 7f3a'), 'the text stays after a rejection');
    await wb.screenshot('65-resume-rejected-kept');
    await wb.runCommand('Developer: Reload Webviews');
    await panel().locator('#tab-resume').click({ timeout: 60000 });
    await panel().locator('#resume-editor .cm-content', { hasText: 'keep me 7f3a' }).waitFor({ timeout: 30000 });
    await wb.screenshot('66-resume-kept-after-reload');
  });

  it('a failed Create Run keeps the JSON, also after the webview reloads', async () => {
    await clearNotifications();
    await focusWorkbench();
    await wb.runCommand('Runs Explorer: Create Run...');
    await maybePick('Hostile ACP');
    // The kind may ask more (the agent): take research-assistant, else the first choice.
    for (let i = 0; i < 3; i++) {
      const more = wb.page.locator('.quick-input-widget', { hasText: 'Create Run on' });
      if (!(await more.waitFor({ timeout: 3000 }).then(() => true, () => false))) break;
      const research = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'research-assistant' }).first();
      if (await research.isVisible()) await research.click();
      else await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(300);
    }
    const editor = panel().locator('#create-editor .cm-content');
    await editor.waitFor({ timeout: 60000 });
    await editor.click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.insertText(JSON.stringify({ agent_id: RESEARCH, input: { topic: 'draft 91c2' }, streaming: 'custom' }));
    sb.faults.add('acp', { match: { method: 'POST', path: '^/runs$' }, count: 1, fault: { status: 503 } });
    await panel().locator('#create-send').click();
    await panel().locator('#create-problems', { hasText: '503' }).waitFor({ timeout: 30000 });
    assert.ok(((await editor.textContent()) ?? '').includes('draft 91c2'));
    await wb.runCommand('Developer: Reload Webviews');
    await panel().locator('#create-editor .cm-content', { hasText: 'draft 91c2' }).waitFor({ timeout: 60000 });
    await wb.screenshot('67-create-kept-after-reload');
    await wb.page.keyboard.press('Control+W');
  });

  it('a credential stays in the secret store: not in settings.json, the log, webview HTML or storage', async () => {
    await focusWorkbench();
    await wb.page.keyboard.press('Escape');
    await wb.page.waitForTimeout(500);
    await wb.runCommand('Runs Explorer: Set Credentials...');
    await maybePick('Hostile ACP');
    await wb.page.locator('.quick-input-widget', { hasText: 'Set Credentials: Hostile ACP' }).waitFor();
    await wb.page.locator('.quick-input-widget input').fill(SECRET);
    await wb.page.keyboard.press('Enter');
    // Requests now carry it (the sandbox logs that a credential came, never its value).
    await focusWorkbench();
    await wb.runCommand('Runs Explorer: Refresh');
    await row(/^H2 /).first().click();
    await panel().locator('.run-name').waitFor({ timeout: 60000 });
    const log = (await (await fetch(new URL('__sandbox/requests', sb.urls.acp))).json()) as Array<{ hasAuth: boolean }>;
    assert.ok(log.some((e) => e.hasAuth), 'the key is sent to its own backend');
    assert.ok(!fs.readFileSync(wb.server.settingsFile, 'utf8').includes(SECRET), 'not in settings.json');
    // The "Runs Explorer" log channel is written to a file under the user data dir.
    const logs: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/Runs Explorer\.log$/.test(e.name)) logs.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(wb.server.tmp, 'ud', 'logs'));
    assert.ok(logs.join('').length > 0, 'the log channel file was found');
    assert.ok(!logs.join('\n').includes(SECRET), 'not in the log channel');
    for (const f of wb.page.frames()) {
      const html = await f.evaluate(() => document.documentElement.outerHTML).catch(() => '');
      assert.ok(!html.includes(SECRET), `not in a webview or page HTML (${f.url().slice(0, 60)})`);
    }
    const storage = await wb.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!storage.includes(SECRET), 'not in browser storage (webview state lives there)');
    assert.ok(!fs.readFileSync(wb.server.logFile, 'utf8').includes(SECRET), 'not in the server log');
    assert.deepStrictEqual(await markers(), []);
  });
});
