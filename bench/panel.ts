/// <reference lib="dom" />
// Figure 5, panel responsiveness: a run panel open in Chromium (code-server, production .vsix) follows an
// ACP run whose stream carries 100,000 events (~300 bytes each, local server). Measured in the webview's
// frame: the longest task (PerformanceObserver 'longtask') while the events arrive, and when the row of
// the last event is on screen relative to the server's end of stream; heap of the page (workbench +
// webview, CDP, after GC) and of the extension host (probe extension) before and after.
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { AGENT_ID, startBigStream } from './lib/bigStream';
import { TMP } from './lib/stage';
import { boundResult, infoResult, log, type Result } from './lib/stats';
import { startSession } from './lib/workbench';

const EVENTS = 100_000;
const MAX_EVENTS = 10_000; // runsExplorer.output.maxEvents (the default)

interface HeapSample { t: number; heapUsed: number }

export async function panelBenchmark(vsix: string, probeVsix: string, _quick: boolean): Promise<Result[]> {
  const server = await startBigStream(EVENTS);
  let release!: () => void;
  server.gate = new Promise<void>((r) => (release = r));
  const heapFile = path.join(TMP, 'host-heap.jsonl');
  fs.rmSync(heapFile, { force: true });
  process.env.BENCH_PROBE_HEAP = heapFile;
  const session = await startSession({
    vsix, extra: [probeVsix],
    settings: {
      'runsExplorer.backends': [{ id: 'big', label: 'Big stream', kind: 'acp', baseUrl: server.url, agentId: AGENT_ID }],
      'runsExplorer.refreshIntervalSeconds': 0,
      'runsExplorer.output.maxEvents': MAX_EVENTS,
    },
  });
  delete process.env.BENCH_PROBE_HEAP;
  const { page } = session;
  try {
    log('panel: opening the run panel');
    await page.goto(session.server.url(session.workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.activitybar [aria-label^="Runs"]').first().click();
    const backendRow = page.locator('.monaco-list-row', { hasText: 'Big stream' }).first();
    await backendRow.waitFor({ timeout: 60000 });
    await backendRow.click();
    const runRow = page.locator('.monaco-list-row[aria-level="2"]').first();
    await runRow.waitFor({ timeout: 60000 });
    await runRow.click();
    const frame = await waitForFrame(() => page.frames(), 60000);
    await frame.locator('.output-scroll').waitFor({ timeout: 60000 });
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    await frame.evaluate(() => {
      const w = window as unknown as { __bench: { longest: number; tasks: number; longestAny: number; tasksAny: number; seenAt: number } };
      w.__bench = { longest: 0, tasks: 0, longestAny: 0, tasksAny: 0, seenAt: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          // 'self': a task of this frame's own code; others are the workbench's (same renderer thread).
          w.__bench.tasksAny++;
          w.__bench.longestAny = Math.max(w.__bench.longestAny, e.duration);
          if (e.name !== 'self') continue;
          w.__bench.tasks++;
          w.__bench.longest = Math.max(w.__bench.longest, e.duration);
        }
      }).observe({ type: 'longtask', buffered: false });
      const check = (): void => {
        if (document.querySelector('.row[data-seq="99999"]')) w.__bench.seenAt = Date.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await new Promise((r) => setTimeout(r, 1000));
    const pageHeapBefore = await heap();
    const hostBefore = lastHeap(heapFile);
    log('panel: streaming 100,000 events');
    const t0 = Date.now();
    release();
    const bench = await waitForValue(frame, 180000);
    const lastVisibleMs = bench.seenAt - server.lastEndedAt;
    await new Promise((r) => setTimeout(r, 2000));
    const after = (await frame.evaluate(() => (window as unknown as { __bench: { longest: number; tasks: number; longestAny: number; tasksAny: number } }).__bench));
    const count = await frame.locator('.toolbar .count').textContent();
    const pageHeapAfter = await heap();
    const hostSamples = readHeap(heapFile).filter((s) => s.t >= t0);
    const hostPeak = Math.max(...hostSamples.map((s) => s.heapUsed));
    const hostAfter = lastHeap(heapFile);
    const MB = 1024 * 1024;
    log(`panel: longest task ${after.longest.toFixed(0)} ms (${after.tasks} long tasks), last event visible ${lastVisibleMs} ms after the stream ended; ${count}`);
    return [
      boundResult('panel.longestTask', after.longest, 'ms', 100, `${after.tasks} long tasks (> 50 ms) attributed to the webview frame itself ('self'; all long tasks on the shared renderer thread, workbench included: ${after.tasksAny}, longest ${after.longestAny.toFixed(0)} ms) while ${EVENTS} events arrived in ${((server.lastEndedAt - t0) / 1000).toFixed(1)} s; the panel shows "${(count ?? '').trim()}" (maxEvents ${MAX_EVENTS})`),
      boundResult('panel.lastEventVisible', Math.max(0, lastVisibleMs), 'ms', 1000, 'from the server writing the last byte to the row of event 100,000 being in the DOM (follow-tail on)'),
      infoResult('panel.pageHeapGrowth', (pageHeapAfter - pageHeapBefore) / MB, 'MB', `workbench + webview page heap after GC: ${(pageHeapBefore / MB).toFixed(1)} -> ${(pageHeapAfter / MB).toFixed(1)} MB; bounded: the webview keeps ${MAX_EVENTS} events`),
      infoResult('panel.hostHeapGrowth', (hostAfter - hostBefore) / MB, 'MB', `extension host heapUsed (no forced GC): ${(hostBefore / MB).toFixed(1)} -> peak ${(hostPeak / MB).toFixed(1)} -> ${(hostAfter / MB).toFixed(1)} MB; the host buffer keeps ${MAX_EVENTS} events`),
    ];
  } finally {
    await session.close();
    await server.close();
  }
}

function readHeap(file: string): HeapSample[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as HeapSample);
}

function lastHeap(file: string): number {
  const s = readHeap(file);
  return s.length ? s[s.length - 1].heapUsed : NaN;
}

async function waitForFrame(frames: () => Frame[], timeoutMs: number): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of frames()) {
      if (await f.evaluate(() => Boolean(document.querySelector('.output-scroll'))).catch(() => false)) return f;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the run panel webview did not show its output');
}

async function waitForValue(frame: Frame, timeoutMs: number): Promise<{ seenAt: number }> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const b = await frame.evaluate(() => (window as unknown as { __bench: { seenAt: number } }).__bench);
    if (b.seenAt) return b;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the last event never showed in the panel');
}
