// An HttpClient that records what it sends, so the tests can validate the requests of the acp and
// agent-protocol clients against the upstream specs (test/support/contract.ts).
import { HttpClient, type HttpResponse, type RequestOptions, type SseBatch, type SseRequestOptions, type Accept } from '../../../src/http';
import { assertValid, loadSpec, matchTemplate, parametersValidator, requestValidator, type Spec } from '../../support/contract';

export interface RecordedRequest {
  readonly method: string;
  /** Path as sent, with a leading slash and without the query. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body?: unknown;
}

export class RecordingHttp extends HttpClient {
  readonly requests: RecordedRequest[] = [];

  private record(req: RequestOptions): void {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query[k] = Array.isArray(v) ? v.join(',') : String(v);
    this.requests.push({ method: req.method ?? 'GET', path: `/${req.path.replace(/^\/+/, '')}`, query, ...(req.body !== undefined ? { body: req.body } : {}) });
  }

  override response<T>(req: RequestOptions & { accept?: Accept }): Promise<HttpResponse<T>> {
    this.record(req);
    return super.response<T>(req);
  }

  override async *sse(req: SseRequestOptions): AsyncGenerator<SseBatch> {
    this.record(req);
    yield* super.sse(req);
  }
}

/**
 * Validates every recorded request (path and query parameters, JSON body) against the first of `files`
 * that has its route. Returns the `METHOD template` of each request checked; fails on a route in none.
 */
export function validateRequests(requests: readonly RecordedRequest[], files: readonly string[]): string[] {
  const specs: Spec[] = files.map((f) => loadSpec(f));
  const checked: string[] = [];
  for (const r of requests) {
    const spec = specs.find((s) => matchTemplate(s, r.method, r.path) !== undefined);
    if (!spec) throw new Error(`${r.method} ${r.path} is in none of ${files.join(', ')}`);
    const template = matchTemplate(spec, r.method, r.path) as string;
    const names = (template.match(/\{[^}]+\}/g) ?? []).map((n) => n.slice(1, -1));
    const re = new RegExp('^' + template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/:]+)') + '/?$');
    const values = re.exec(r.path)?.slice(1) ?? [];
    const path = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')]));
    assertValid(parametersValidator(spec, r.method, template), { path, query: r.query, header: {} }, `${r.method} ${r.path}`);
    if (r.body !== undefined) assertValid(requestValidator(spec, r.method, template), r.body, `${r.method} ${r.path}`);
    checked.push(`${r.method} ${template}`);
  }
  return checked;
}
