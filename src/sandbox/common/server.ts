import * as http from 'http';
import type { Socket } from 'net';
import type { FaultSpec, SandboxKind } from '../types';
import { Ctx } from './context';
import type { SimClock } from './clock';
import { HttpError, STATUS_TEXT, type ErrorRenderer } from './errors';
import { FaultStore, headerFault, isResponseFault } from './faults';
import type { RequestLogStore } from './requestLog';
import type { Router } from './router';
import { handleControl } from './control';

const MAX_BODY = 10 * 1024 * 1024;

export interface FamilyConfig {
  kind: SandboxKind;
  router: Router;
  renderError: ErrorRenderer;
  /** Returns a message when the request lacks valid credentials (-> 401). */
  authorize?: (ctx: Ctx) => string | undefined;
  /** Paths that skip authorize (e.g. ICA's token exchange). */
  publicPaths?: RegExp;
}

export interface Shared {
  clock: SimClock;
  faults: FaultStore;
  requests: RequestLogStore;
}

/** One HTTP server of one family: control routes, request log, faults, auth, routing, clean shutdown. */
export class FamilyServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly live = new Set<Ctx>();
  baseUrl = '';

  constructor(private readonly cfg: FamilyConfig, private readonly shared: Shared) {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // Keep-alive sockets of idle clients must not hold close() up.
    this.server.keepAliveTimeout = 5_000;
  }

  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        const p = typeof addr === 'object' && addr ? addr.port : port;
        const h = host.includes(':') ? `[${host}]` : host;
        this.baseUrl = `http://${h}:${p}/`;
        resolve(this.baseUrl);
      });
    });
  }

  close(): Promise<void> {
    for (const ctx of this.live) ctx.abort.abort();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    let ctx: Ctx | undefined;
    try {
      const rawBody = await readBody(req);
      if (url.pathname.startsWith('/__sandbox/')) {
        ctx = new Ctx(this.cfg.kind, req, res, url, rawBody, undefined, this.baseUrl);
        await handleControl(ctx, this.cfg.kind, this.shared);
        return;
      }
      const entry = this.shared.requests.record(this.cfg.kind, req, url);
      const fault = headerFault(this.header(req, 'x-sandbox-fault')) ?? this.shared.faults.take(this.cfg.kind, req.method ?? 'GET', url.pathname);
      if (fault) entry.fault = fault;
      ctx = new Ctx(this.cfg.kind, req, res, url, rawBody, fault, this.baseUrl);
      const c = ctx;
      this.live.add(c);
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      res.on('close', () => {
        this.live.delete(c);
        if (!res.writableFinished) {
          entry.clientDisconnected = true;
          entry.status ??= res.headersSent ? res.statusCode : undefined;
        }
        c.abort.abort();
      });
      await this.dispatch(c);
    } catch (e) {
      this.fail(ctx, res, e);
    }
  }

  private async dispatch(ctx: Ctx): Promise<void> {
    const fault = ctx.fault;
    if (fault?.delayMs) await delay(fault.delayMs, ctx.signal);
    if (ctx.signal.aborted) return;
    if (fault && isResponseFault(fault)) return this.faultResponse(ctx, fault);
    const m = this.cfg.router.match(ctx.method, ctx.path);
    if (!(this.cfg.publicPaths?.test(ctx.path))) {
      const denied = this.cfg.authorize?.(ctx);
      if (denied) throw new HttpError(401, denied);
    }
    if (m.kind === 'notFound') throw new HttpError(404, `Not Found: ${ctx.method} ${ctx.path}`);
    if (m.kind === 'methodNotAllowed') throw new HttpError(405, `Method Not Allowed: ${ctx.method} ${ctx.path}`, { allow: m.allow.join(', ') });
    ctx.params = m.params;
    await m.handler(ctx);
  }

  private async faultResponse(ctx: Ctx, f: FaultSpec): Promise<void> {
    if (f.hang) {
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return;
    }
    if (f.html) {
      const status = f.status ?? 502;
      const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
      return ctx.text(status, f.body ?? `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>nginx</p></body></html>\n`, f.contentType ?? 'text/html; charset=utf-8');
    }
    if (f.malformedJson) return ctx.text(f.status ?? 200, f.body ?? '{"items": [{"id": "abc", "status": "Runn', f.contentType ?? 'application/json');
    const status = f.status ?? 500;
    if (f.body !== undefined) return ctx.text(status, f.body, f.contentType ?? 'application/json');
    const { body, contentType } = this.cfg.renderError(status, STATUS_TEXT[status] ?? `Injected status ${status}`);
    return ctx.text(status, body, f.contentType ?? contentType);
  }

  private fail(ctx: Ctx | undefined, res: http.ServerResponse, e: unknown): void {
    if (res.headersSent || res.destroyed) {
      if (!res.writableEnded) res.end();
      return;
    }
    const status = e instanceof HttpError ? e.status : 500;
    const message = e instanceof Error ? e.message : String(e);
    const { body, contentType } = this.cfg.renderError(status, message);
    const headers = { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...(e instanceof HttpError ? e.headers : {}), ...(ctx?.fault?.headers ?? {}) };
    res.writeHead(status, headers);
    res.end(body);
  }

  private header(req: http.IncomingMessage, name: string): string | undefined {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
