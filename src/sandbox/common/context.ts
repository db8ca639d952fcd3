import type { IncomingMessage, ServerResponse } from 'http';
import type { FaultSpec, SandboxKind } from '../types';
import { HttpError } from './errors';
import { transformBody } from './bodyFaults';

/** One request as handlers see it. */
export class Ctx {
  params: Record<string, string> = {};
  readonly abort = new AbortController();

  constructor(
    readonly kind: SandboxKind,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    readonly rawBody: string,
    readonly fault: FaultSpec | undefined,
    /** Base URL of this server, ending with '/'. */
    readonly baseUrl: string,
  ) {}

  get method(): string {
    return (this.req.method ?? 'GET').toUpperCase();
  }

  get path(): string {
    return this.url.pathname;
  }

  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  /** Aborted when the client disconnects or the sandbox closes: long waits and streams stop on it. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  /** The parsed JSON body; `emptyAs` when there is none. 400 (or `badStatus`) when it is not JSON. */
  json(emptyAs: unknown = undefined, badStatus = 400): unknown {
    if (this.rawBody.trim() === '') return emptyAs;
    try {
      return JSON.parse(this.rawBody) as unknown;
    } catch (e) {
      throw new HttpError(badStatus, `Invalid JSON body: ${(e as Error).message}`);
    }
  }

  /** The body as an object; `badStatus` when it is JSON but not an object. */
  object(badStatus = 400): Record<string, unknown> {
    const v = this.json({}, badStatus);
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(badStatus, 'The body must be a JSON object');
    return v as Record<string, unknown>;
  }

  private writeHead(status: number, headers: Record<string, string>): void {
    this.res.writeHead(status, { ...headers, ...(this.fault?.headers ?? {}) });
  }

  send(status: number, value: unknown, headers: Record<string, string> = {}): void {
    if (this.res.headersSent || this.res.destroyed) return;
    const body = JSON.stringify(transformBody(value, this.fault));
    this.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
    this.res.end(body);
  }

  text(status: number, text: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
    if (this.res.headersSent || this.res.destroyed) return;
    this.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...headers });
    this.res.end(text);
  }

  empty(status: number, headers: Record<string, string> = {}): void {
    if (this.res.headersSent || this.res.destroyed) return;
    this.writeHead(status, headers);
    this.res.end();
  }

  /** Integer query parameter; 400 (or `badStatus`) when present but not an integer. */
  intParam(name: string, def: number, badStatus = 400): number {
    const raw = this.query.get(name);
    if (raw === null || raw === '') return def;
    if (!/^-?\d+$/.test(raw)) throw new HttpError(badStatus, `Invalid ${name}: "${raw}" is not an integer`);
    return parseInt(raw, 10);
  }
}
