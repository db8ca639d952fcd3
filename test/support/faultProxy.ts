// A small HTTP fault proxy for servers we do not control (the real LangGraph server): it forwards
// requests to `target` and injects the same faults as the sandbox (FaultSpec: status, HTML, malformed
// JSON, hang, delay, body reshaping, big bodies, SSE drops / truncation / non-JSON data / stalls). It
// counts requests and client disconnects, and can refuse connections (stop listening, then listen again
// on the same port) to simulate a server that is down.
import * as http from 'http';
import type { Socket } from 'net';
import { transformBody } from '../../src/sandbox/common/bodyFaults';
import type { FaultRule, FaultSpec } from '../../src/sandbox/types';

export interface ProxyLogEntry {
  readonly method: string;
  readonly path: string;
  readonly time: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  status?: number;
  fault?: FaultSpec;
  clientDisconnected?: boolean;
}

export interface FaultProxy {
  /** Base URL of the proxy, ending with '/'. */
  readonly url: string;
  readonly port: number;
  add(rule: FaultRule): void;
  clear(): void;
  /** Requests whose method (if given) and path regex (if given) match. */
  count(method?: string, path?: string | RegExp): number;
  list(): readonly ProxyLogEntry[];
  clearLog(): void;
  /** Responses the client abandoned (closed before the end). */
  disconnects(): number;
  /** Open client connections right now. */
  openConnections(): number;
  /** Stops listening: new connections are refused (ECONNREFUSED) until `accept()`. */
  refuse(): Promise<void>;
  accept(): Promise<void>;
  close(): Promise<void>;
}

interface RuleState extends FaultRule {
  remaining: number;
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream server.</p></body></html>';

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: RuleState[] = [];
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  let disconnects = 0;
  const agent = new http.Agent({ keepAlive: false });

  const take = (method: string, path: string): FaultSpec | undefined => {
    const rule = rules.find((r) => r.remaining > 0 && (!r.match?.method || r.match.method.toUpperCase() === method) && (!r.match?.path || new RegExp(r.match.path).test(path)));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) rules.splice(rules.indexOf(rule), 1);
    return rule.fault;
  };

  const server = http.createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://proxy.local').pathname;
    const fault = take(method, path);
    const entry: ProxyLogEntry = { method, path, time: Date.now(), headers: { ...req.headers }, ...(fault ? { fault } : {}) };
    log.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) {
        entry.clientDisconnected = true;
        disconnects++;
      }
    });
    void handle(req, res, entry, fault);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 2000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, entry: ProxyLogEntry, fault: FaultSpec | undefined): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (res.destroyed) return;
    if (fault?.hang) return; // never answer: the client gives up (or close() cuts it)
    const headers = fault?.headers ?? {};
    if (fault?.html) {
      entry.status = fault.status ?? 502;
      res.writeHead(entry.status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(HTML_PAGE);
      return;
    }
    if (fault?.malformedJson) {
      entry.status = fault.status ?? 200;
      res.writeHead(entry.status, { 'content-type': 'application/json', ...headers });
      res.end('{"runs": [{"run_id": "abc", "status": "runn');
      return;
    }
    if (fault?.status !== undefined) {
      entry.status = fault.status;
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...headers });
      res.end(fault.body ?? JSON.stringify({ detail: `injected ${fault.status}` }));
      return;
    }
    const outHeaders = { ...req.headers, host: upstream.host };
    const up = http.request({ protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: outHeaders, agent }, (upRes) => {
      entry.status = upRes.statusCode;
      const ctype = String(upRes.headers['content-type'] ?? '');
      const reshapes = fault && (fault.extraFields || fault.missingFields || fault.unknownStatus || fault.bigBodyBytes);
      const streamFaults = fault && (fault.dropStreamAfterEvents !== undefined || fault.truncateStreamMidEvent || fault.nonJsonSseData || fault.stallStream);
      if (/event-stream/.test(ctype) && streamFaults) {
        relaySse(upRes, res, fault, headers);
      } else if (/json/.test(ctype) && reshapes) {
        const parts: Buffer[] = [];
        upRes.on('data', (c: Buffer) => parts.push(c));
        upRes.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let out = text;
          try {
            out = JSON.stringify(transformBody(JSON.parse(text), fault));
          } catch {
            // not JSON after all: pass it on as it is
          }
          const h = { ...upRes.headers, ...headers, 'content-length': String(Buffer.byteLength(out)) };
          delete h['transfer-encoding'];
          res.writeHead(upRes.statusCode ?? 200, h);
          res.end(out);
        });
      } else {
        res.writeHead(upRes.statusCode ?? 200, { ...upRes.headers, ...headers });
        upRes.pipe(res);
        // An upstream that breaks off must break the client's response too (pipe alone would leave it open).
        upRes.on('close', () => {
          if (!upRes.complete) res.destroy();
        });
      }
      res.on('close', () => upRes.destroy());
    });
    up.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: 'upstream failed' }));
      } else res.destroy();
    });
    res.on('close', () => up.destroy());
    up.end(body);
  }

  /** Forwards an event stream event by event, applying the stream faults. */
  function relaySse(upRes: http.IncomingMessage, res: http.ServerResponse, fault: FaultSpec, headers: Record<string, string>): void {
    res.writeHead(upRes.statusCode ?? 200, { ...upRes.headers, ...headers });
    res.flushHeaders();
    let buffer = '';
    let sent = 0;
    let stopped = false;
    const cut = (): void => {
      stopped = true;
      upRes.destroy();
      res.socket?.destroy();
      res.destroy();
    };
    upRes.setEncoding('utf8');
    upRes.on('data', (chunk: string) => {
      if (stopped) return;
      buffer += chunk.replace(/\r\n/g, '\n');
      let i: number;
      while (!stopped && (i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i + 2);
        buffer = buffer.slice(i + 2);
        const isEvent = /^(data|event|id):?/m.test(block);
        if (!isEvent) {
          if (!fault.stallStream || sent === 0) res.write(block);
          continue;
        }
        if (fault.nonJsonSseData && sent === 0) res.write('event: values\ndata: this is not JSON {\n\n');
        const limit = fault.dropStreamAfterEvents;
        if (fault.truncateStreamMidEvent && sent === (limit ?? 1)) {
          res.write(block.slice(0, Math.max(1, Math.floor(block.length / 2))), () => cut());
          stopped = true;
          return;
        }
        if (fault.stallStream && sent >= 1) {
          // Stalled: nothing more is forwarded; the connection stays open until the client leaves.
          stopped = true;
          return;
        }
        sent++;
        if (limit !== undefined && !fault.truncateStreamMidEvent && sent >= limit) {
          res.write(block, () => cut());
          stopped = true;
          return;
        }
        res.write(block);
      }
    });
    upRes.on('end', () => {
      if (!stopped) res.end();
    });
  }

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const a = server.address();
        resolve(typeof a === 'object' && a ? a.port : port);
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
    });

  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    add: (rule) => void rules.push({ ...rule, remaining: rule.count ?? 1 }),
    clear: () => void rules.splice(0, rules.length),
    count: (method, path) => log.filter((e) => (!method || e.method === method.toUpperCase()) && (!path || new RegExp(path).test(e.path))).length,
    list: () => log,
    clearLog: () => void log.splice(0, log.length),
    disconnects: () => disconnects,
    openConnections: () => sockets.size,
    refuse: stop,
    accept: async () => {
      await listen(port);
    },
    close: async () => {
      if (server.listening) await stop();
      agent.destroy();
    },
  };
}
