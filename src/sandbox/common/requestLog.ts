import type { IncomingMessage } from 'http';
import type { RequestLog, RequestLogEntry, SandboxKind } from '../types';

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);
const MAX_ENTRIES = 50_000;

/** Every request the four servers answer (control routes excluded), with secrets redacted. */
export class RequestLogStore implements RequestLog {
  private entries: RequestLogEntry[] = [];

  record(kind: SandboxKind, req: IncomingMessage, url: URL): RequestLogEntry {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      headers[k] = SECRET_HEADERS.has(k) ? '[redacted]' : Array.isArray(v) ? v.join(', ') : v;
    }
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => {
      query[k] = v;
    });
    const entry: RequestLogEntry = {
      kind,
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query,
      time: Date.now(),
      hasAuth: req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined,
      headers,
    };
    this.entries.push(entry);
    // Bounded so a long benchmark does not grow memory without end.
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  list(kind?: SandboxKind): RequestLogEntry[] {
    return this.entries.filter((e) => !kind || e.kind === kind);
  }

  count(kind: SandboxKind, method?: string, pathRegex?: string | RegExp): number {
    const re = pathRegex === undefined ? undefined : typeof pathRegex === 'string' ? new RegExp(pathRegex) : pathRegex;
    return this.entries.filter((e) => e.kind === kind && (!method || e.method === method.toUpperCase()) && (!re || re.test(e.path))).length;
  }

  disconnects(kind?: SandboxKind): number {
    return this.entries.filter((e) => (!kind || e.kind === kind) && e.clientDisconnected).length;
  }

  clear(kind?: SandboxKind): void {
    this.entries = kind ? this.entries.filter((e) => e.kind !== kind) : [];
  }
}
