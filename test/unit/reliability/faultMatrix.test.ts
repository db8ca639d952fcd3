// The fault matrix (issue 7): every kind x every fault, driven at the Backend level in plain Node.
// kfp, ica, acp and agent-protocol get their faults from the sandbox; langgraph from a fault proxy in
// front of the real LangGraph server. Each backend sits behind a fault proxy too, so "connection
// refused" is real (the proxy stops listening). For each cell: what the user reads (the BackendError
// code and message), how many requests the server received (GETs retried, bounded, with backoff; POSTs
// once), and that the same Backend works again once the fault is gone. The README table is checked
// against the measured matrix (UPDATE_FAULT_MATRIX=1 rewrites it).
import * as assert from 'assert';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { AcpBackend } from '../../../src/backends/acp';
import { AgentProtocolBackend } from '../../../src/backends/agent-protocol';
import { IcaBackend } from '../../../src/backends/ica';
import { KfpBackend } from '../../../src/backends/kfp';
import { LangGraphBackend } from '../../../src/backends/langgraph';
import { isBackendError, type Backend, type BackendDeps, type BackendNode, type Logger, type OutputEvent, type RunRef } from '../../../src/core';
import { ACP_AGENTS, startSandbox, type FaultRule, type FaultSpec, type Sandbox, type SandboxKind } from '../../../src/sandbox';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { startLangGraph, type LangGraphServer } from '../backends/langgraph/server';
import { currentReadme, FAULTS, KINDS, readmePath, renderMatrix, withMatrix, type Cell, type Fault, type Kind, type OpResult } from './matrix';
import { eachEvent } from '../../support/events';

/** Retries as in production (3 attempts, exponential backoff with jitter), scaled down 10x. */
const RETRY = { attempts: 3, baseDelayMs: 30, maxDelayMs: 500, maxRetryAfterMs: 5000 };
const TIMEOUT_MS = 10_000;
const SHORT_TIMEOUT_MS = 700;
/** Silence after which a stream is checked (production: 45 s). */
const STREAM_IDLE_MS = 1500;
const RESEARCH = ACP_AGENTS.find((a) => a.name === 'research-assistant')!.id;

class CaptureLog implements Logger {
  readonly lines: string[] = [];
  trace(): void {}
  debug(m: string): void {
    this.lines.push(m);
  }
  info(m: string): void {
    this.lines.push(m);
  }
  warn(m: string): void {
    this.lines.push(m);
  }
  error(m: string | Error): void {
    this.lines.push(String(m));
  }
}

interface Route {
  readonly method: string;
  readonly path: string;
}

/** One kind under test: its backend (and one with a short timeout), its routes, its fault injection. */
interface KindHarness {
  readonly kind: Kind;
  backend: Backend;
  short: Backend;
  log: CaptureLog;
  readonly list: Route;
  readonly get: Route;
  readonly stream?: Route;
  listParent?: BackendNode;
  run: RunRef;
  proxy: FaultProxy;
  addFault(route: Route, fault: FaultSpec, count?: number): void;
  clearFaults(): void;
  count(route: Route): number;
  /** Request log entries of a route: headers (for Last-Event-ID) and times. */
  entries(route: Route): Array<{ time: number; headers: Record<string, unknown> }>;
  disconnects(): number;
  /** Arrival times of the last operation's requests. */
  lastTimes: number[];
  /** A new run whose output streams for a second or two (agent kinds only). */
  startStreamingRun?(): Promise<RunRef>;
}

/** Message text without what changes from run to run (ports, generated ids). */
const hostless = (s: string): string =>
  s
    .replace(/https?:\/\/(127\.0\.0\.1|localhost):\d+/g, 'http://HOST')
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')
    .replace(/\b[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/g, 'ID')
    .replace(/\b[0-9a-f]{8}\b/g, 'ID');

async function op(h: KindHarness, route: Route, call: () => Promise<string>, kindOfFault: Fault): Promise<OpResult> {
  const before = h.count(route);
  const logBefore = h.log.lines.length;
  let code = 'ok';
  let shown: string;
  try {
    shown = await call();
  } catch (e) {
    assert.ok(isBackendError(e), `${h.kind} ${kindOfFault}: a ${String((e as Error)?.name)} escaped instead of a BackendError: ${String(e)}`);
    code = e.code;
    shown = hostless(e.message);
  }
  let requests = h.count(route) - before;
  if (kindOfFault === 'connection refused') {
    // Nothing reaches a server that is down: count the attempts the client logged for this route.
    const retries = h.log.lines.slice(logBefore).filter((l) => {
      const m = /: (\w+) (\S+) failed \(.*\), retry \d+\/\d+ in /.exec(l);
      return m !== null && m[1] === route.method && new RegExp(route.path).test(new URL(m[2]).pathname);
    });
    requests = 1 + retries.length;
  }
  h.lastTimes = h.entries(route).slice(before).map((e) => e.time);
  return { method: route.method, code, shown, requests };
}

/** What the tree shows, without what the simulated clock changes (statuses move on). */
function summarize(nodes: readonly BackendNode[]): string {
  const rows = nodes.filter((n) => n.run || n.state);
  const states = rows.map((n) => n.run?.state ?? n.state!);
  const unknown = states.find((st) => st.status === 'unknown');
  const what = nodes.some((n) => n.run) ? 'runs' : 'threads'; // LangGraph lists threads at the root
  return `${rows.length} ${what} listed${unknown ? `; status shown as unknown, raw "${unknown.raw}"` : ''}`;
}

async function listOnce(h: KindHarness, b: Backend = h.backend): Promise<string> {
  const page = await b.listChildren(h.listParent, { pageSize: 10 });
  return summarize(page.items);
}

async function getOnce(h: KindHarness, b: Backend = h.backend): Promise<string> {
  const run = await b.getRun(h.run);
  return `run shown${run.state.status === 'unknown' ? `; status unknown, raw "${run.state.raw}"` : ''}`;
}

async function recovered(h: KindHarness, b: Backend = h.backend): Promise<boolean> {
  try {
    await listOnce(h, b);
    await getOnce(h, b);
    return true;
  } catch {
    return false;
  }
}

/** Drains a stream until it ends or `ms` pass (then aborts it, as closing the panel does). */
async function drain(b: Backend, ref: RunRef, ms: number): Promise<{ events: OutputEvent[]; timedOut: boolean; error?: unknown }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const events: OutputEvent[] = [];
  try {
    for await (const e of eachEvent(b.streamOutput(ref, { signal: controller.signal }))) events.push(e);
    return { events, timedOut: controller.signal.aborted };
  } catch (error) {
    return { events, timedOut: controller.signal.aborted, error };
  } finally {
    clearTimeout(timer);
  }
}

const STATUS_FAULTS: Partial<Record<Fault, FaultSpec>> = {
  '500': { status: 500 },
  '502': { status: 502 },
  '503 + Retry-After': { status: 503, headers: { 'retry-after': '0.2' } },
  '429 + Retry-After': { status: 429, headers: { 'retry-after': '0.2' } },
  '401': { status: 401 },
  '403': { status: 403 },
  '404': { status: 404 },
  'HTML body': { html: true, status: 200 },
  'missing fields': { missingFields: true },
  'extra fields': { extraFields: true },
  'unknown status': { unknownStatus: true },
  '10 MB response': { bigBodyBytes: 10 * 1024 * 1024 },
};

const EXPECTED_CODE: Partial<Record<Fault, string>> = {
  '500': 'server',
  '502': 'server',
  '503 + Retry-After': 'server',
  '429 + Retry-After': 'rate-limited',
  '401': 'auth',
  '403': 'auth',
  '404': 'not-found',
  'HTML body': 'bad-response',
  'connection refused': 'network',
};

const RETRYABLE = new Set<Fault>(['500', '502', '503 + Retry-After', '429 + Retry-After', 'connection refused']);

describe('reliability: fault matrix (5 kinds x 17 faults)', function () {
  this.timeout(120_000);
  const cells: Cell[] = [];
  const getTimes = new Map<Kind, number[]>();
  const harnesses = new Map<Kind, KindHarness>();
  let sb: Sandbox;
  let lg: LangGraphServer;
  let lgProxy: FaultProxy;

  before(async function () {
    this.timeout(120_000);
    [sb, lg] = await Promise.all([startSandbox({ seed: 5, runs: 12, speed: 4 }), startLangGraph()]);
    lgProxy = await startFaultProxy(lg.url);
    const sandboxKind: Record<Exclude<Kind, 'langgraph'>, SandboxKind> = { kfp: 'kfp', ica: 'ica', acp: 'acp', 'agent-protocol': 'agentProtocol' };
    for (const kind of KINDS) {
      const log = new CaptureLog();
      const serverUrl = kind === 'langgraph' ? lgProxy.url : sb.urls[sandboxKind[kind]];
      // Every backend talks to its server through a proxy (so the server can be "down").
      const proxy = await startFaultProxy(serverUrl);
      const deps = (timeoutMs: number): BackendDeps => ({ credentials: { get: async () => (kind === 'ica' ? sb.icaApiKey : undefined) }, log, timeoutMs, streamIdleMs: STREAM_IDLE_MS });
      const make = (timeoutMs: number): Backend => {
        const profile = { id: `m-${kind}`, label: kind, kind, baseUrl: proxy.url };
        switch (kind) {
          case 'kfp': return new KfpBackend(profile, deps(timeoutMs), { retry: RETRY, pollIntervalMs: 50 });
          case 'ica': return new IcaBackend(profile, deps(timeoutMs), { retry: RETRY, pollIntervalMs: 50 });
          case 'acp': return new AcpBackend({ ...profile, agentId: RESEARCH }, deps(timeoutMs), { retry: RETRY });
          case 'agent-protocol': return new AgentProtocolBackend({ ...profile, agentId: 'research-assistant' }, deps(timeoutMs), { retry: RETRY });
          case 'langgraph': return new LangGraphBackend({ ...profile, assistantId: 'chunky' }, deps(timeoutMs), { retry: RETRY });
        }
      };
      const routes: Record<Kind, { list: Route; get: Route; stream?: Route }> = {
        kfp: { list: { method: 'GET', path: '^/apis/v2beta1/runs$' }, get: { method: 'GET', path: '^/apis/v2beta1/runs/[^/:]+$' } },
        ica: { list: { method: 'GET', path: '^/v1/tasks/runs$' }, get: { method: 'GET', path: '^/v1/tasks/runs/[^/:]+$' } },
        acp: { list: { method: 'POST', path: '^/runs/search$' }, get: { method: 'GET', path: '^/runs/[^/]+$' }, stream: { method: 'GET', path: '^/runs/[^/]+/stream$' } },
        'agent-protocol': { list: { method: 'POST', path: '^/runs/search$' }, get: { method: 'GET', path: '^/runs/[^/]+$' }, stream: { method: 'GET', path: '^/runs/[^/]+/stream$' } },
        langgraph: { list: { method: 'POST', path: '^/threads/search$' }, get: { method: 'GET', path: '^/threads/[^/]+/runs/[^/]+$' }, stream: { method: 'GET', path: '^/threads/[^/]+/runs/[^/]+/stream$' } },
      };
      const r = routes[kind];
      const onSandbox = kind !== 'langgraph';
      const sk = onSandbox ? sandboxKind[kind as Exclude<Kind, 'langgraph'>] : undefined;
      const h: KindHarness = {
        kind,
        backend: make(TIMEOUT_MS),
        short: make(SHORT_TIMEOUT_MS),
        log,
        ...r,
        run: { backendId: `m-${kind}`, runId: '' },
        proxy,
        addFault: (route, fault, count = 50) => {
          const rule: FaultRule = { match: route, count, fault };
          if (sk) sb.faults.add(sk, rule);
          else lgProxy.add(rule);
        },
        clearFaults: () => (sk ? sb.faults.clear(sk) : lgProxy.clear()),
        count: (route) => (sk ? sb.requests.count(sk, route.method, route.path) : lgProxy.count(route.method, route.path)),
        entries: (route) =>
          (sk ? sb.requests.list(sk) : lgProxy.list())
            .filter((e) => e.method === route.method && new RegExp(route.path).test(e.path))
            .map((e) => ({ time: e.time, headers: e.headers as Record<string, unknown> })),
        disconnects: () => (sk ? sb.requests.disconnects(sk) : lgProxy.disconnects()),
        lastTimes: [],
      };
      if (kind === 'acp') h.startStreamingRun = () => h.backend.createRun({ body: { agent_id: RESEARCH, input: { topic: 'matrix' }, streaming: 'custom' } });
      if (kind === 'agent-protocol') h.startStreamingRun = () => h.backend.createRun({ body: { agent_id: 'research-assistant', input: { topic: 'matrix' }, stream_mode: ['values', 'custom'] } });
      if (kind === 'langgraph') h.startStreamingRun = () => h.backend.createRun({ body: { assistant_id: 'chunky', input: { topic: 'matrix', n: 8, delayMs: 150, skipReview: true } } });
      // The tree's first list (also teaches the backends which routes exist), and a run to read.
      if (kind === 'kfp') h.listParent = (await h.backend.listChildren(undefined, { pageSize: 10 })).items.find((n) => n.scope?.group === 'all');
      if (kind === 'langgraph') {
        const ref = await h.backend.createRun({ body: { assistant_id: 'chunky', input: { topic: 'seed', n: 1, delayMs: 1, skipReview: true } } });
        await h.backend.waitForRun(ref);
      }
      const page = await h.backend.listChildren(h.listParent, { pageSize: 10 });
      let first = page.items.find((n) => n.run)?.run;
      if (!first && kind === 'langgraph') first = (await h.backend.listChildren(page.items[0], { pageSize: 10 })).items.find((n) => n.run)?.run;
      assert.ok(first, `${kind}: a run to read`);
      h.run = { backendId: first.backendId, runId: first.runId, ...(first.threadId ? { threadId: first.threadId } : {}) };
      if (kind === 'langgraph') {
        // The tree lists threads at the root; the panel reads a run of one.
        await getOnce(h);
      }
      await getOnce(h, h.short);
      harnesses.set(kind, h);
    }
  });

  after(async () => {
    for (const h of harnesses.values()) {
      h.backend.dispose();
      h.short.dispose();
      await h.proxy.close();
    }
    await lgProxy?.close();
    await sb?.close();
    await lg?.close();
  });

  afterEach(() => {
    for (const h of harnesses.values()) h.clearFaults();
  });

  for (const fault of FAULTS) {
    describe(fault, () => {
      for (const kind of KINDS) {
        it(kind, async function () {
          const h = harnesses.get(kind)!;
          const cell = await runCell(h, fault);
          cells.push(cell);
          check(cell, h);
        });
      }
    });
  }

  async function runCell(h: KindHarness, fault: Fault): Promise<Cell> {
    const spec = STATUS_FAULTS[fault];
    if (spec) {
      h.addFault(h.list, spec);
      h.addFault(h.get, spec);
      const tree = await op(h, h.list, () => listOnce(h), fault);
      const panel = await op(h, h.get, () => getOnce(h), fault);
      getTimes.set(h.kind, h.lastTimes);
      h.clearFaults();
      return { fault, kind: h.kind, tree, panel, recovered: await recovered(h) };
    }
    if (fault === 'no answer (timeout)') {
      h.addFault(h.list, { hang: true });
      h.addFault(h.get, { hang: true });
      const tree = await op(h, h.list, () => listOnce(h, h.short), fault);
      const panel = await op(h, h.get, () => getOnce(h, h.short), fault);
      h.clearFaults();
      return { fault, kind: h.kind, tree, panel, recovered: await recovered(h, h.short) };
    }
    if (fault === 'connection refused') {
      await h.proxy.refuse();
      await new Promise((r) => setTimeout(r, 100)); // pooled keep-alive sockets see the close
      let tree: OpResult;
      let panel: OpResult;
      try {
        tree = await op(h, h.list, () => listOnce(h), fault);
        panel = await op(h, h.get, () => getOnce(h), fault);
      } finally {
        await h.proxy.accept();
      }
      return { fault, kind: h.kind, tree, panel, recovered: await recovered(h) };
    }
    // Stream faults.
    if (!h.stream || !h.startStreamingRun) {
      return { fault, kind: h.kind, na: `${h.kind === 'kfp' ? 'KFP' : 'ICA'} has no event stream: the panel polls GET ${h.get.path.replace(/\^|\$|\[\^\/:?\]\+/g, (m) => (m === '^' || m === '$' ? '' : '{id}'))} (its faults are the rows above)`, recovered: true };
    }
    const ref = await h.startStreamingRun();
    const streamFault: FaultSpec =
      fault === 'SSE cut mid-event' ? { truncateStreamMidEvent: true, dropStreamAfterEvents: 2 } : fault === 'SSE data not JSON' ? { nonJsonSseData: true } : { stallStream: true };
    h.addFault(h.stream, streamFault, 1);
    const before = h.count(h.stream);
    const disconnectsBefore = h.disconnects();
    const logBefore = h.log.lines.length;
    const got = await drain(h.backend, ref, 20_000);
    const connections = h.count(h.stream) - before;
    const entries = h.entries(h.stream).slice(-connections);
    // What a clean replay of the finished run holds: nothing may be missing from the faulted stream.
    const clean = await drain(h.backend, ref, 20_000);
    const ids = got.events.map((e) => e.id).filter((id): id is string => id !== undefined);
    const cleanIds = clean.events.map((e) => e.id).filter((id): id is string => id !== undefined);
    const missing = cleanIds.filter((id) => !ids.includes(id)).length;
    const duplicates = ids.length - new Set(ids).size;
    const gaps = got.events.filter((e) => e.type === 'gap');
    const malformed = got.events.filter((e) => e.malformed);
    const parts: string[] = [];
    if (got.error) parts.push(`error: ${hostless((got.error as Error).message)}`);
    parts.push(missing ? `${missing} events missing` : 'every event arrived (checked against a clean replay)', duplicates ? `${duplicates} shown twice` : 'none twice');
    if (malformed.length) parts.push(`${malformed.length} kept as text, marked not JSON (the panel tags it)`);
    if (gaps.length) parts.push(`gap notice: "${hostless(String((gaps[0].data as { reason?: string }).reason))}"`);
    const lastBeforeCut = connections > 1 ? String(entries[1]?.headers['last-event-id']) : undefined;
    if (fault === 'SSE stalls' && h.log.lines.slice(logBefore).some((l) => /no events for [\d.]+ s; reconnecting/.test(l))) parts.push(`silence noticed after ${STREAM_IDLE_MS / 1000} s (45 s in production)`);
    if (lastBeforeCut !== undefined) parts.push(ids.includes(lastBeforeCut) ? 'reconnected with Last-Event-ID = the last event received' : `reconnected with Last-Event-ID ${lastBeforeCut}`);
    if (got.timedOut) parts.push(`still waiting after 20 s (server saw ${h.disconnects() - disconnectsBefore} disconnect on close)`);
    const stream: OpResult = { method: 'GET', code: got.error ? (isBackendError(got.error) ? got.error.code : 'crash') : 'ok', shown: parts.join('; '), requests: connections };
    h.clearFaults();
    let ok = true;
    try {
      await getOnce(h, h.backend);
      await h.backend.getRun(ref);
    } catch {
      ok = false;
    }
    return { fault, kind: h.kind, stream, recovered: ok };
  }

  function check(cell: Cell, h: KindHarness): void {
    assert.ok(cell.recovered, `${cell.kind} ${cell.fault}: the backend works again once the fault is gone`);
    if (cell.na) return;
    const expected = EXPECTED_CODE[cell.fault];
    for (const r of [cell.tree, cell.panel]) {
      if (!r) continue;
      if (expected) assert.strictEqual(r.code, expected, `${cell.kind} ${cell.fault} ${r.method}: ${r.shown}`);
      const retries = r.method === 'GET' && RETRYABLE.has(cell.fault);
      if (retries) assert.strictEqual(r.requests, 3, `${cell.kind} ${cell.fault}: a ${r.method} is tried 3 times (bounded)`);
      else if (cell.fault === '401' && h.kind === 'ica') assert.ok(r.requests <= 2, 'ICA: one retry after a fresh token, no more');
      else if (expected) assert.strictEqual(r.requests, 1, `${cell.kind} ${cell.fault} ${r.method}: sent once (${r.shown})`);
      if (cell.fault === 'no answer (timeout)') {
        assert.strictEqual(r.requests, 1, 'a request that timed out is not repeated');
        assert.match(r.code, /^(timeout)$/, `${cell.kind}: ${r.method} timeout: ${r.shown}`);
        assert.match(r.shown, /no answer after 700 ms/);
      }
      if (['missing fields', 'extra fields', 'unknown status', '10 MB response'].includes(cell.fault)) {
        assert.ok(r.code === 'ok' || r.code === 'bad-response', `${cell.kind} ${cell.fault}: shown or a clear bad-response, got ${r.code}: ${r.shown}`);
      }
      if (cell.fault === 'unknown status' && r.code === 'ok') assert.match(r.shown, /unknown, raw "/, 'an unknown status shows raw with the neutral icon');
      if (expected && expected !== 'network') assert.doesNotMatch(r.shown, /undefined|\[object Object\]/);
    }
    if (['503 + Retry-After', '429 + Retry-After'].includes(cell.fault) && cell.panel) {
      const times = getTimes.get(cell.kind) ?? [];
      for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 180, `${cell.kind}: waited Retry-After (0.2 s) between attempts: ${times.join(', ')}`);
    }
    if (cell.fault === '500' && cell.panel) {
      const times = getTimes.get(cell.kind) ?? [];
      assert.ok(times[2] - times[0] >= 15 + 30, `${cell.kind}: backoff between attempts: ${times.join(', ')}`);
    }
    if (cell.stream) {
      assert.notStrictEqual(cell.stream.code, 'crash');
      assert.doesNotMatch(cell.stream.shown, /[1-9]\d* duplicated/, 'no event is shown twice');
      if (cell.fault === 'SSE data not JSON') assert.match(cell.stream.shown, /1 kept as text, marked not JSON/);
      assert.match(cell.stream.shown, /every event arrived/, 'nothing is lost');
      if (cell.fault !== 'SSE data not JSON') assert.match(cell.stream.shown, /reconnected with Last-Event-ID = the last event received/);
      assert.doesNotMatch(cell.stream.shown, /still waiting/);
    }
  }

  describe('README', () => {
    it('test/README.md shows the matrix as measured', function () {
      if (cells.length !== FAULTS.length * KINDS.length) this.skip(); // a --grep ran part of the matrix
      const ordered = FAULTS.flatMap((f) => KINDS.map((k) => cells.find((c) => c.fault === f && c.kind === k)!));
      const out = join(dirname(readmePath()), '..', 'test-results', 'fault-matrix.json');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(ordered, null, 2));
      const readme = currentReadme();
      const expected = withMatrix(readme, renderMatrix(ordered));
      if (process.env.UPDATE_FAULT_MATRIX === '1') {
        writeFileSync(readmePath(), expected);
        return;
      }
      assert.ok(readme === expected, 'test/README.md is out of date with the measured fault matrix: run `UPDATE_FAULT_MATRIX=1 npm run test:unit` (or the reliability folder) and commit it');
    });
  });
});
