// Figure 2, list overhead: one page of 50 runs through the client + adapter (Backend.listChildren of the
// node that lists runs) against a bare node-fetch + JSON.parse of the same request, per kind; then every
// run of a backend, page by page (what Load more does), against bare fetches of the same pages.
import fetch from 'node-fetch';
import { BACKEND_REGISTRY } from '../../src/backends/registry';
import { NULL_LOGGER, type Backend, type BackendKind, type BackendNode, type BackendProfile } from '../../src/core';
import type { Sandbox, SandboxKind } from '../../src/sandbox';
import { startLangGraph } from '../../test/unit/backends/langgraph/server';
import { compare, log, ratioResult, type Result } from '../lib/stats';

const PAGE = 50;
const MAX_RATIO = 1.3;

/** What the bare side sends: the same method, URL, headers and body as the client's request. */
interface BareRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
}

interface Subject {
  kind: BackendKind;
  backend: Backend;
  /** The node whose children are the runs (undefined = the backend root). */
  parent: BackendNode | undefined;
  /** The bare request for a page at `cursor` (the client's own cursor format). */
  bare(cursor: string | undefined): BareRequest;
  /** The next cursor from a bare answer. */
  next(body: unknown, headers: { get(name: string): string | null }, cursor: string | undefined): string | undefined;
  total: number;
  close?: () => Promise<void>;
}

const deps = (key?: string) => ({ credentials: { get: async () => key }, log: NULL_LOGGER, timeoutMs: 30000 });

function makeBackend(kind: BackendKind, baseUrl: string, key?: string, extra: Partial<BackendProfile> = {}): Backend {
  const profile: BackendProfile = { id: `bench-${kind}`, label: `bench ${kind}`, kind, baseUrl, ...extra };
  return BACKEND_REGISTRY[kind]()(profile, deps(key));
}

async function bareFetch(r: BareRequest): Promise<{ body: unknown; headers: { get(name: string): string | null } }> {
  const res = await fetch(r.url, {
    method: r.method,
    headers: { accept: 'application/json', ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
    ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
  });
  const body = JSON.parse(await res.text()) as unknown;
  return { body, headers: res.headers };
}

const offsetNext = (body: unknown, cursor: string | undefined): string | undefined => {
  const off = Number(cursor ?? 0);
  return Array.isArray(body) && body.length > PAGE ? String(off + PAGE) : undefined;
};

async function sandboxSubjects(sb: Sandbox, runs: number): Promise<Subject[]> {
  const subjects: Subject[] = [];
  // KFP: All Runs (GET apis/v2beta1/runs); the exact query is read back from the sandbox's request log.
  {
    const backend = makeBackend('kfp', sb.urls.kfp);
    const roots = await backend.listChildren(undefined, { pageSize: PAGE });
    const parent = roots.items.find((n) => n.scope?.group === 'all');
    sb.requests.clear();
    await backend.listChildren(parent, { pageSize: PAGE });
    const q = sb.requests.list('kfp' as SandboxKind)[0].query;
    subjects.push({
      kind: 'kfp', backend, parent, total: runs,
      bare: (cursor) => {
        const params = new URLSearchParams({ ...q });
        if (cursor) params.set('page_token', cursor);
        return { url: `${sb.urls.kfp}apis/v2beta1/runs?${params}`, method: 'GET', headers: {} };
      },
      next: (body) => (body as { next_page_token?: string }).next_page_token || undefined,
    });
  }
  // ICA: the root lists task runs (GET v1/tasks/runs, bearer token from the API key).
  {
    const backend = makeBackend('ica', sb.urls.ica, sb.icaApiKey);
    sb.requests.clear();
    await backend.listChildren(undefined, { pageSize: PAGE });
    const q = sb.requests.list('ica' as SandboxKind).find((e) => e.path.endsWith('/tasks/runs'))?.query ?? {};
    const tokenRes = await fetch(`${sb.urls.ica}v1/tokens`, { method: 'POST', headers: { 'x-api-key': sb.icaApiKey } });
    const token = ((await tokenRes.json()) as { access_token?: string; token?: string }).access_token ?? '';
    subjects.push({
      kind: 'ica', backend, parent: undefined, total: runs,
      bare: (cursor) => {
        const params = new URLSearchParams({ ...q });
        if (cursor) params.set('pageToken', cursor);
        return { url: `${sb.urls.ica}v1/tasks/runs?${params}`, method: 'GET', headers: { authorization: `Bearer ${token}` } };
      },
      next: (body) => (body as { nextPageToken?: string }).nextPageToken || undefined,
    });
  }
  // ACP: all runs, flat (profile without agent: agents > runs; with agentId the root lists that agent's runs).
  // The sandbox spreads runs over its agents, so the list of all runs is a profile-less search: the
  // adapter's listRuns(undefined) is reached when agent search is missing; here the agent node is used.
  {
    const backend = makeBackend('acp', sb.urls.acp);
    const agents = await backend.listChildren(undefined, { pageSize: PAGE });
    const parent = agents.items[0];
    const agentId = parent.scope?.['agentId'] ?? '';
    const all = (await bareFetch({ url: `${sb.urls.acp}runs/search`, method: 'POST', headers: {}, body: { agent_id: agentId, limit: 1000, offset: 0 } })).body as unknown[];
    let total = all.length;
    for (let off = 1000; all.length === 1000 && total === off; off += 1000) {
      total += ((await bareFetch({ url: `${sb.urls.acp}runs/search`, method: 'POST', headers: {}, body: { agent_id: agentId, limit: 1000, offset: off } })).body as unknown[]).length;
    }
    subjects.push({
      kind: 'acp', backend, parent, total,
      bare: (cursor) => ({ url: `${sb.urls.acp}runs/search`, method: 'POST', headers: {}, body: { agent_id: agentId, limit: PAGE + 1, offset: Number(cursor ?? 0) } }),
      next: (body, _h, cursor) => offsetNext(body, cursor),
    });
  }
  // Agent Protocol: the All Runs group (POST runs/search).
  {
    const backend = makeBackend('agent-protocol', sb.urls.agentProtocol);
    const roots = await backend.listChildren(undefined, { pageSize: PAGE });
    const parent = roots.items.find((n) => n.key === 'group:all-runs');
    subjects.push({
      kind: 'agent-protocol', backend, parent, total: runs,
      bare: (cursor) => ({ url: `${sb.urls.agentProtocol}runs/search`, method: 'POST', headers: {}, body: { limit: PAGE + 1, offset: Number(cursor ?? 0) } }),
      next: (body, _h, cursor) => offsetNext(body, cursor),
    });
  }
  return subjects;
}

/** The real LangGraph server (langgraph-api, in memory) with `threads` threads: the root lists threads. */
async function langGraphSubject(threads: number): Promise<Subject> {
  const lg = await startLangGraph();
  for (let i = 0; i < threads; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, threads - i) }, (_x, j) =>
      fetch(`${lg.url}threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ metadata: { bench: i + j } }) }).then((r) => r.text())));
  }
  const backend = makeBackend('langgraph', lg.url, undefined, { assistantId: 'chunky' });
  return {
    kind: 'langgraph', backend, parent: undefined, total: threads, close: () => lg.close(),
    bare: (cursor) => ({ url: `${lg.url}threads/search`, method: 'POST', headers: {}, body: { limit: PAGE + 1, offset: Number(cursor ?? 0), sort_by: 'created_at', sort_order: 'desc' } }),
    next: (body, _h, cursor) => offsetNext(body, cursor),
  };
}

async function clientAll(s: Subject): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await s.backend.listChildren(s.parent, { pageSize: PAGE, cursor });
    n += page.items.length;
    cursor = page.next;
  } while (cursor);
  return n;
}

async function bareAll(s: Subject): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const r = await bareFetch(s.bare(cursor));
    const items = Array.isArray(r.body) ? r.body.slice(0, PAGE) : ((r.body as { runs?: unknown[]; items?: unknown[] }).runs ?? (r.body as { items?: unknown[] }).items ?? []);
    n += items.length;
    cursor = s.next(r.body, r.headers, cursor);
  } while (cursor);
  return n;
}

export async function listBenchmarks(sb: Sandbox, runs: number, options: { langGraphThreads: number; pageRuns: number; allRuns: number }): Promise<Result[]> {
  const results: Result[] = [];
  const subjects = await sandboxSubjects(sb, runs);
  log(`lists: starting the LangGraph server with ${options.langGraphThreads} threads`);
  subjects.push(await langGraphSubject(options.langGraphThreads));
  try {
    for (const s of subjects) {
      // Sanity: both sides see the same runs.
      const first = await s.backend.listChildren(s.parent, { pageSize: PAGE });
      if (first.items.length !== PAGE) throw new Error(`${s.kind}: the first page has ${first.items.length} items, not ${PAGE}`);
      const one = await compare(() => s.backend.listChildren(s.parent, { pageSize: PAGE }), () => bareFetch(s.bare(undefined)), options.pageRuns, 5);
      results.push(ratioResult(`list.page50.${s.kind}`, one.a, one.b, 'ms', MAX_RATIO, `median of ${options.pageRuns}, client+adapter vs bare fetch+JSON.parse`));
      log(`lists: ${s.kind} one page ${one.a.toFixed(2)} ms vs ${one.b.toFixed(2)} ms`);
      const t0 = Date.now();
      const c = await clientAll(s);
      const once = Date.now() - t0;
      const b = await bareAll(s);
      if (c !== b) throw new Error(`${s.kind}: client loaded ${c} items, bare ${b}`);
      // Short lists (LangGraph's 1,000 threads) get more pairs: a few 100 ms samples are all noise here.
      const pairs = Math.min(15, Math.max(options.allRuns, Math.ceil(3000 / Math.max(1, once))));
      const all = await compare(() => clientAll(s), () => bareAll(s), pairs, 1);
      const what = s.kind === 'langgraph' ? `${c} threads (real LangGraph server)` : s.kind === 'acp' ? `${c} runs of one agent` : `${c} runs`;
      results.push(ratioResult(`list.all.${s.kind}`, all.a, all.b, 'ms', MAX_RATIO, `${what} in pages of ${PAGE}, median of ${pairs}`));
      log(`lists: ${s.kind} all ${c}: ${all.a.toFixed(0)} ms vs ${all.b.toFixed(0)} ms`);
    }
  } finally {
    for (const s of subjects) {
      s.backend.dispose();
      await s.close?.();
    }
  }
  return results;
}
