// Figure 1, activation: Load Code + Call Activate + Finish Activate as VS Code reports them (the
// "Extension Activation Stats" of Developer: Startup Performance, read by the probe extension in the
// same extension host), for Runs Explorer and for an empty extension, each on a fresh code-server,
// alternately; plus the requests the sandbox saw while the extension activated with four sandbox
// backends configured.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Sandbox } from '../src/sandbox';
import { boundResult, infoResult, log, median, ratioResult, type Result } from './lib/stats';
import { startSession, waitForFile } from './lib/workbench';

const PRODUCT_ID = 'runs-explorer.runs-explorer';
const EMPTY_ID = 'runs-explorer-bench.bench-empty';

interface Sample {
  load: number;
  call: number;
  finish: number;
  requests: number;
}

async function measureOnce(vsix: string, target: string, probe: string, sb: Sandbox): Promise<Sample> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runs-explorer-bench-act-')), 'probe.json');
  process.env.BENCH_PROBE_OUT = out;
  process.env.BENCH_PROBE_TARGET = target;
  const backends = [
    { id: 'sb-kfp', label: 'KFP', kind: 'kfp', baseUrl: sb.urls.kfp },
    { id: 'sb-ica', label: 'ICA', kind: 'ica', baseUrl: sb.urls.ica },
    { id: 'sb-acp', label: 'ACP', kind: 'acp', baseUrl: sb.urls.acp },
    { id: 'sb-ap', label: 'AP', kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
  ];
  const session = await startSession({ vsix, extra: [probe], settings: { 'runsExplorer.backends': backends } });
  delete process.env.BENCH_PROBE_OUT;
  delete process.env.BENCH_PROBE_TARGET;
  try {
    sb.requests.clear();
    await session.page.goto(session.server.url(session.workspace));
    const report = JSON.parse(await waitForFile(out, 120000)) as { ok: boolean; line?: string; activeAt: number; error?: string; text?: string };
    const requests = sb.requests.list().length;
    if (!report.ok || !report.line) throw new Error(`the probe could not read the activation of ${target}: ${report.error}\n${report.text ?? ''}`);
    const cells = report.line.split('|').map((c) => c.trim());
    // | id | eager | load code | call activate | finish activate | event | by |
    const [load, call, finish] = [Number(cells[3]), Number(cells[4]), Number(cells[5])];
    if (![load, call, finish].every(Number.isFinite)) throw new Error(`unexpected activation row: ${report.line}`);
    return { load, call, finish, requests };
  } finally {
    await session.close();
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

export async function activationBenchmark(productVsix: string, emptyVsix: string, probeVsix: string, sb: Sandbox, runs: number): Promise<Result[]> {
  const product: Sample[] = [];
  const empty: Sample[] = [];
  log('activation: warm-up');
  await measureOnce(productVsix, PRODUCT_ID, probeVsix, sb);
  await measureOnce(emptyVsix, EMPTY_ID, probeVsix, sb);
  for (let i = 0; i < runs; i++) {
    product.push(await measureOnce(productVsix, PRODUCT_ID, probeVsix, sb));
    empty.push(await measureOnce(emptyVsix, EMPTY_ID, probeVsix, sb));
    const p = product[i];
    const e = empty[i];
    log(`activation ${i + 1}/${runs}: runs-explorer ${p.load}+${p.call}+${p.finish} ms (${p.requests} requests), empty ${e.load}+${e.call}+${e.finish} ms`);
  }
  const sum = (s: Sample) => s.load + s.call + s.finish;
  const med = (xs: Sample[], f: (s: Sample) => number) => median(xs.map(f));
  const note = `medians of ${runs} fresh code-servers each; Load Code ${med(product, (s) => s.load)} / Call Activate ${med(product, (s) => s.call)} / Finish Activate ${med(product, (s) => s.finish)} ms vs ${med(empty, (s) => s.load)} / ${med(empty, (s) => s.call)} / ${med(empty, (s) => s.finish)} ms`;
  return [
    ratioResult('activation.total', med(product, sum), med(empty, sum), 'ms', 2.0, note),
    infoResult('activation.loadCode', med(product, (s) => s.load), 'ms', `empty extension: ${med(empty, (s) => s.load)} ms`),
    infoResult('activation.callActivate', med(product, (s) => s.call), 'ms', `empty extension: ${med(empty, (s) => s.call)} ms`),
    infoResult('activation.finishActivate', med(product, (s) => s.finish), 'ms', `empty extension: ${med(empty, (s) => s.finish)} ms`),
    boundResult('activation.requests', Math.max(...product.map((s) => s.requests)), 'requests', 0, 'sandbox requests from window load until the probe saw the extension active and read its figures (4 sandbox backends configured; max over runs)'),
  ];
}
