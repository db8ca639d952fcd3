/// <reference lib="dom" />
// The run panel's webview alone in Chromium, under the panel's CSP, fed like the host feeds it:
// 100,000 events must keep it responsive (batched per frame, virtualized) and bounded memory must show
// its "older events dropped" notice. No workbench needed: the page is served from a fake origin.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import type * as Harness from '../../scripts/harness/codeServer';
import { REPO_ROOT } from './support/workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchBrowser } = require(path.join(REPO_ROOT, 'scripts', 'harness', 'codeServer')) as typeof Harness;

const ORIGIN = 'http://webview.test';
const CSP = `default-src 'none'; script-src 'nonce-perf'; style-src ${ORIGIN}; font-src ${ORIGIN}; img-src ${ORIGIN} data:`;
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="stylesheet" href="${ORIGIN}/dist/codicons/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${ORIGIN}/media/panel.css"></head>
<body><div id="app"></div><script nonce="perf" src="${ORIGIN}/dist/webview.js"></script></body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };

describe('Run panel webview under load (Chromium, strict CSP)', () => {
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  const violations: string[] = [];

  before(async () => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'webview.js')), 'dist/webview.js is built');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-explorer-perf-'));
    ctx = await launchBrowser(path.join(profile, 'chrome'));
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: PAGE });
      const file = path.join(REPO_ROOT, url.pathname);
      if (!file.startsWith(REPO_ROOT) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
    });
    // The VS Code webview API, as a recorder.
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.__state = undefined;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m), getState: () => w.__state, setState: (s: unknown) => (w.__state = s) });
    });
  });
  after(async () => {
    await ctx?.close().catch(() => undefined);
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  async function open(maxEvents: number): Promise<void> {
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    await page.evaluate((max) => {
      const post = (m: unknown) => window.postMessage(m, '*');
      post({ type: 'init', mode: 'run', backendId: 'b', runId: 'perf-run', backendLabel: 'Perf', maxEvents: max });
      post({ type: 'run', run: { backendId: 'b', backendLabel: 'Perf', kind: 'acp', runId: 'perf-run', name: 'Perf <img src=x onerror=alert(1)>', status: 'running', rawStatus: 'pending', createdAt: new Date().toISOString(), capabilities: { cancel: true, retry: false, archive: false, unarchive: false, delete: true, resume: false, stream: true, wait: false, logs: false, tasks: false }, hasWebUrl: false, raw: { id: 'perf-run' } } });
      post({ type: 'stream', state: 'live' });
    }, maxEvents);
    await page.locator('.run-name').waitFor();
  }

  /** Posts `total` events in host-sized batches, measuring the longest gap between animation frames. */
  async function feed(total: number, batch: number): Promise<{ ms: number; worstFrameMs: number }> {
    return page.evaluate(async ({ total, batch }) => {
      let worst = 0;
      let last = performance.now();
      let running = true;
      const frame = () => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        if (running) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      const t0 = performance.now();
      for (let seq = 0; seq < total; seq += batch) {
        const events = [];
        for (let i = seq; i < Math.min(total, seq + batch); i++) events.push({ seq: i, type: i % 10 === 0 ? 'updates' : 'values', time: new Date().toISOString(), data: { i, text: `event ${i} <script>alert(${i})</script>`, nested: { a: [1, 2, 3] } } });
        window.postMessage({ type: 'events', events, dropped: 0 }, '*');
        // The host sends a batch at most every 50 ms; here faster, to stress the page.
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 300));
      running = false;
      return { ms: performance.now() - t0, worstFrameMs: worst };
    }, { total, batch });
  }

  it('takes 100,000 events and stays responsive: few DOM rows, short frames, scrolling and find work', async function () {
    this.timeout(120000);
    await open(1000000);
    const { ms, worstFrameMs } = await feed(100000, 1000);
    console.log(`      100,000 events in ${ms.toFixed(0)} ms; worst frame gap ${worstFrameMs.toFixed(0)} ms`);
    await page.locator('.toolbar .count', { hasText: '100,000 events' }).waitFor();
    const rows = await page.locator('.output-scroll .row').count();
    assert.ok(rows > 5 && rows < 200, `virtualized: ${rows} rows in the DOM`);
    assert.ok(worstFrameMs < 500, `no long freeze while streaming (worst frame gap ${worstFrameMs.toFixed(0)} ms)`);
    // Follow tail shows the newest event.
    await page.locator('.row[data-seq="99999"]').waitFor();
    // Scroll to the middle: the rows there are rendered at once.
    const t0 = Date.now();
    await page.locator('.output-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.locator('.row[data-seq="50000"], .row[data-seq="49999"], .row[data-seq="50001"]').first().waitFor();
    assert.ok(Date.now() - t0 < 2000, 'scrolling renders quickly');
    assert.strictEqual(await page.locator('#follow-tail').isChecked(), false, 'scrolling up turns follow-tail off');
    // Find across all 100,000 events.
    const f0 = Date.now();
    await page.locator('#find-output').fill('event 77777 ');
    await page.locator('.find-count', { hasText: '1 of 1' }).waitFor();
    await page.locator('.row.current[data-seq="77777"]').waitFor();
    assert.ok(Date.now() - f0 < 5000, `find is quick (${Date.now() - f0} ms)`);
    // Expand it: foldable JSON, server text as text.
    await page.locator('.row[data-seq="77777"] .row-summary').click();
    await page.locator('.row[data-seq="77777"] .json-tree').waitFor();
    assert.strictEqual(await page.locator('.output-scroll script, .output-scroll img, .run-header img').count(), 0);
    assert.match((await page.locator('.run-name').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
    await page.screenshot({ path: path.join(process.env.RUNS_EXPLORER_SHOTS ?? path.join(REPO_ROOT, 'test-results', 'screenshots'), '50-webview-100k-events.png') });
  });

  it('keeps only maxEvents and says how many older events were dropped', async function () {
    this.timeout(120000);
    await open(10000);
    await feed(25000, 1000);
    await page.locator('.toolbar .count', { hasText: '10,000 events' }).waitFor();
    const notice = page.locator('.notice.dropped');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /^15,000 older events dropped/);
    assert.strictEqual(await page.locator('.row[data-seq="14999"]').count(), 0);
  });

  it('the Resume editor (CodeMirror) works under the CSP: highlighting, inline parse error, nothing sent', async () => {
    await page.evaluate(() => {
      window.postMessage({ type: 'interrupt', interrupt: { type: 'approval', payload: { q: 'ok?' }, resumeSchema: { type: 'object', required: ['approved'], properties: { approved: { type: 'boolean' } } }, prefill: '{\n  "approved": false\n}' } }, '*');
    });
    await page.locator('#tab-resume[aria-selected="true"]').waitFor();
    await page.locator('#resume-editor .cm-content .tok-propertyName').first().waitFor();
    await page.locator('#resume-editor .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"approved": [}');
    await page.keyboard.press('Control+Enter');
    await page.locator('#resume-problems', { hasText: 'Not valid JSON' }).waitFor();
    const posted = await page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'resume').length);
    assert.strictEqual(posted, 0);
    assert.deepStrictEqual(violations, [], 'no CSP violation');
    const state = await page.evaluate(() => (window as unknown as { __state: { target?: unknown; draft?: string } }).__state);
    assert.deepStrictEqual(state.target, { mode: 'run', backendId: 'b', runId: 'perf-run' });
    assert.strictEqual(state.draft, '{"approved": [}', 'the draft survives a reload (webview state)');
  });
});
