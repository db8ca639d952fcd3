// A minimal ACP v0.1 server with one agent whose runs stream `events` SSE events of ~300 bytes each:
// just the routes the client uses to list runs and follow one (runs/search, runs/{id}, /stream, /output).
// A run is `pending` (ACP's running) until its stream has been sent in full, then `success`.
import * as http from 'http';
import type { AddressInfo } from 'net';

export const AGENT_ID = '00000000-0000-4000-8000-00000000bench';

export interface BigStreamServer {
  readonly url: string;
  /** Bytes of one full stream (the same for every run). */
  readonly streamBytes: number;
  readonly events: number;
  /** When set, streams wait for it before sending (the panel benchmark opens the panel first). */
  gate: Promise<void> | undefined;
  /** Date.now() when the last stream's final byte was handed to the socket. */
  lastEndedAt: number;
  requests: number;
  close(): Promise<void>;
}

function eventText(i: number): string {
  const data = JSON.stringify({
    type: 'custom',
    run: 'bench-run-0000000000000000000000000000',
    update: { step: i, node: i % 7 === 0 ? 'tool' : 'model', message: `token batch ${i}: the quick brown fox jumps over the lazy dog and keeps running through the long grass`, usage: { input: 1200 + (i % 50), output: 40 + (i % 13) } },
  });
  return `id: ${i}\nevent: agent_event\ndata: ${data}\n\n`;
}

export async function startBigStream(events: number): Promise<BigStreamServer> {
  const done = new Set<string>();
  // Built once: every run streams the same bytes, so server work is the same for every reader.
  const parts: string[] = [];
  for (let i = 0; i < events; i++) parts.push(eventText(i));
  const payload = Buffer.from(parts.join(''), 'utf8');
  const run = (id: string) => ({
    run_id: id, agent_id: AGENT_ID, thread_id: null, status: done.has(id) ? 'success' : 'pending',
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    creation: { agent_id: AGENT_ID, input: {}, streaming: 'custom' },
  });
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const state: BigStreamServer = {
    url: '', streamBytes: payload.length, events, gate: undefined, lastEndedAt: 0, requests: 0,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    state.requests++;
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/runs\/([^/]+)(\/stream|\/output)?$/.exec(url.pathname);
    req.resume();
    if (req.method === 'POST' && url.pathname === '/runs/search') return json(res, 200, [run('00000000-0000-4000-8000-000000000001')]);
    if (req.method === 'POST' && url.pathname === '/agents/search') return json(res, 200, [{ agent_id: AGENT_ID, metadata: { ref: { name: 'bench-streamer', version: '1' }, description: 'Streams many events' } }]);
    if (!m || req.method !== 'GET') return json(res, 404, 'not found');
    const id = decodeURIComponent(m[1]);
    if (!m[2]) return json(res, 200, run(id));
    if (m[2] === '/output') return json(res, 200, done.has(id) ? { output: { type: 'result', values: { events } } } : null);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    void (async () => {
      if (state.gate) await state.gate;
      const CHUNK = 16 * 1024;
      for (let off = 0; off < payload.length && !res.destroyed; off += CHUNK) {
        if (!res.write(payload.subarray(off, off + CHUNK))) await new Promise((r) => res.once('drain', r));
      }
      done.add(id);
      res.end(() => {
        state.lastEndedAt = Date.now();
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}
