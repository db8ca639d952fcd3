import fetch, { FetchError, type RequestInit, type Response } from 'node-fetch';
import type { Agent } from 'https';
import type { Logger } from '../core';
import { createTlsAgent } from './agent';
import { describeBody, isJsonContentType, parseJsonData, snippet } from './body';
import { codeForStatus, HttpError, statusLine } from './errors';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, sleep, type RetryPolicy } from './retry';
import { readSse, type SseBatch, type SseProblem } from './sse';
import { buildUrl, displayUrl, sameOrigin, type Query } from './url';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  /** A path prefix is kept (`https://host/pipeline/`). */
  readonly baseUrl: string;
  /** Names the server in messages, e.g. "KFP at https://host". */
  readonly label: string;
  readonly timeoutMs: number;
  /** Headers such as Authorization, asked for on every attempt so refreshed tokens are used. */
  readonly auth?: () => Promise<Record<string, string>>;
  /**
   * Called once on 401: return true to retry the request with fresh `auth()` headers (e.g. an expired JWT).
   * Safe for any method: the server refused the request before acting on it.
   */
  readonly onUnauthorized?: () => Promise<boolean>;
  /** Extra CA certificates (PEM). */
  readonly ca?: string;
  readonly tlsInsecure?: boolean;
  readonly log: Logger;
  /** Extracts the server's message from the family's error shape. */
  readonly errorMessage?: (body: unknown, text: string) => string | undefined;
  /** Largest response body read (default 32 MiB); SSE streams are not limited. */
  readonly maxBodyBytes?: number;
  /** Overrides of the retry policy (tests use tiny delays). */
  readonly retry?: Partial<RetryPolicy>;
}

export interface RequestOptions {
  readonly method?: HttpMethod;
  /** Relative to baseUrl (a leading slash is ignored, the base's prefix kept); may carry a query string. */
  readonly path: string;
  readonly query?: Query;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Allows retries (default: GET and HEAD only). Ignored for POST: a POST is never sent twice. */
  readonly idempotent?: boolean;
  /**
   * A POST that only reads (a search): still never retried, but when it times out or is cancelled the
   * error is a plain `timeout` / `aborted`, not an `unknown-outcome` (nothing can have taken effect).
   */
  readonly readOnly?: boolean;
}

export interface HeadersLike {
  get(name: string): string | null;
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly headers: HeadersLike;
  readonly body: T;
}

export type Accept = 'json' | 'text' | 'none';

export interface SseRequestOptions extends RequestOptions {
  /** Sent as `Last-Event-ID` to resume after that event where the server supports it. */
  readonly lastEventId?: string;
  /** Truncated or unparsable parts of the stream (also logged as warnings). */
  readonly onProblem?: (problem: SseProblem) => void;
}

const DEFAULT_MAX_BODY = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** Headers that carry credentials; never sent to another origin after a redirect. */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i;

interface Exchange {
  readonly response: Response;
  readonly url: URL;
  /** Clears the per-attempt timeout; for streams it is cleared once headers arrive. */
  readonly stopTimer: () => void;
  /** Ends the exchange: timer and abort listener gone; `abort` also closes the connection. */
  readonly release: (abort?: boolean) => void;
  readonly signal: AbortSignal;
  readonly timedOut: () => boolean;
}

/** JSON-over-HTTP with timeouts, aborts, bounded retries and typed errors; one per backend profile. */
export class HttpClient {
  private readonly agent: Agent | undefined;
  private readonly retry: RetryPolicy;
  private readonly maxBody: number;

  constructor(private readonly o: HttpClientOptions) {
    this.agent = createTlsAgent(o.baseUrl, o);
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    this.maxBody = o.maxBodyBytes ?? DEFAULT_MAX_BODY;
  }

  get label(): string {
    return this.o.label;
  }

  /** The parsed JSON body; undefined for 204 or an empty body. */
  async json<T>(req: RequestOptions): Promise<T> {
    return (await this.response<T>({ ...req, accept: 'json' })).body;
  }

  async text(req: RequestOptions): Promise<string> {
    return (await this.response<string>({ ...req, accept: 'text' })).body;
  }

  async response<T>(req: RequestOptions & { accept?: Accept }): Promise<HttpResponse<T>> {
    const accept = req.accept ?? 'json';
    return this.withRetries(req, async () => {
      const ex = await this.exchange(req, accept === 'json' ? 'application/json' : '*/*');
      try {
        const body = await this.readBody<T>(req, ex, accept);
        return { status: ex.response.status, headers: ex.response.headers, body };
      } finally {
        ex.release();
      }
    });
  }

  /** Server-sent events; ends when the server closes the stream or `signal` aborts (no error then). */
  async *sse(req: SseRequestOptions): AsyncGenerator<SseBatch> {
    const headers = { ...req.headers, ...(req.lastEventId !== undefined ? { 'last-event-id': req.lastEventId } : {}) };
    const full = { ...req, headers };
    const ex = await this.withRetries(full, () => this.exchange(full, 'text/event-stream'));
    ex.stopTimer(); // the timeout covers waiting for headers, not the life of the stream
    const method = req.method ?? 'GET';
    const onProblem = (p: SseProblem): void => {
      this.o.log.warn(`${this.o.label}: SSE ${displayUrl(ex.url)}: ${p.message}`);
      req.onProblem?.(p);
    };
    try {
      const ctype = ex.response.headers.get('content-type');
      if (ex.response.status === 204) return;
      if (ctype && /html/i.test(ctype)) {
        const text = await ex.response.text().catch(() => '');
        throw this.badResponse(method, ex.url, `expected an event stream but got ${describeBody(ctype, text)}`);
      }
      yield* readSse(ex.response.body as AsyncIterable<Buffer>, { onProblem });
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (ex.signal.aborted || req.signal?.aborted) return; // the caller stopped listening
      throw this.networkError(method, ex.url, e, 'the stream broke');
    } finally {
      // Leaving early (break/return) must close the connection, not leak it.
      ex.release(true);
    }
  }

  private async withRetries<R>(req: RequestOptions, attempt: () => Promise<R>): Promise<R> {
    const method = req.method ?? 'GET';
    const retryable = method !== 'POST' && (req.idempotent ?? (method === 'GET' || method === 'HEAD'));
    let reauthorized = false;
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        if (e.status === 401 && !reauthorized && this.o.onUnauthorized) {
          reauthorized = true;
          if (await this.o.onUnauthorized()) {
            n--;
            continue;
          }
        }
        const delay = retryable && n < this.retry.attempts ? this.retryDelay(e, n) : undefined;
        if (delay === undefined) throw e;
        this.o.log.debug(`${this.o.label}: ${method} ${e.url} failed (${e.status ?? e.code}), retry ${n}/${this.retry.attempts - 1} in ${delay} ms`);
        try {
          await sleep(delay, req.signal);
        } catch {
          throw e;
        }
      }
    }
  }

  /** Delay before the next attempt, or undefined when this error is final. */
  private retryDelay(e: HttpError, n: number): number | undefined {
    const transient = e.status !== undefined ? isRetryableStatus(e.status) : e.code === 'network';
    if (!transient) return undefined;
    if (e.retryAfterMs !== undefined) return e.retryAfterMs <= this.retry.maxRetryAfterMs ? e.retryAfterMs : undefined;
    return backoffDelay(this.retry, n);
  }

  /** One attempt: sends the request (following safe redirects) and throws HttpError for non-2xx. */
  private async exchange(req: RequestOptions, accept: string): Promise<Exchange> {
    const method = req.method ?? 'GET';
    let url = buildUrl(this.o.baseUrl, req.path, req.query);
    if (req.signal?.aborted) throw this.abortedError(method, url, false);
    const authHeaders = this.o.auth ? await this.o.auth() : {};
    const authNames = new Set(Object.keys(authHeaders).map((k) => k.toLowerCase()));
    const timeoutMs = req.timeoutMs ?? this.o.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const stopTimer = (): void => clearTimeout(timer);
    const release = (abort = false): void => {
      stopTimer();
      req.signal?.removeEventListener('abort', onAbort);
      if (abort && !controller.signal.aborted) controller.abort();
    };
    const origin = url;
    let headers: Record<string, string> = {
      accept,
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...authHeaders,
      ...req.headers,
    };
    let currentMethod: string = method;
    let body = req.body !== undefined ? JSON.stringify(req.body) : undefined;
    const started = Date.now();
    try {
      for (let hop = 0; ; hop++) {
        const init: RequestInit = { method: currentMethod, headers, body, redirect: 'manual', signal: controller.signal, agent: this.agent, compress: true };
        const response = await fetch(url.toString(), init);
        this.o.log.trace(`${this.o.label}: ${currentMethod} ${displayUrl(url)} -> ${response.status} in ${Date.now() - started} ms`);
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
          response.body?.resume?.();
          const next = new URL(location, url);
          if (!sameOrigin(origin, next)) {
            // Credentials stay with the origin they were meant for.
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.test(k) && !authNames.has(k.toLowerCase())));
          }
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
            currentMethod = 'GET';
            body = undefined;
            delete headers['content-type'];
          }
          url = next;
          continue;
        }
        if (response.status >= 400 || (response.status >= 300 && response.status < 400)) {
          throw await this.statusError(method, url, response, credentialValues({ ...authHeaders, ...req.headers }, authNames));
        }
        return { response, url, stopTimer, release, signal: controller.signal, timedOut: () => timedOut };
      }
    } catch (e) {
      release();
      if (e instanceof HttpError) throw e;
      if (timedOut) throw this.timeoutError(method, url, timeoutMs, req.readOnly);
      if (req.signal?.aborted) throw this.abortedError(method, url, true, req.readOnly);
      throw this.networkError(method, url, e);
    }
  }

  private async readBody<T>(req: RequestOptions, ex: Exchange, accept: Accept): Promise<T> {
    const method = req.method ?? 'GET';
    const { response, url } = ex;
    if (accept === 'none' || response.status === 204 || method === 'HEAD') {
      await response.text().catch(() => '');
      return undefined as T;
    }
    const text = await this.readText(method, ex, req.readOnly);
    if (accept === 'text') return text as T;
    if (!text.trim()) return undefined as T;
    const ctype = response.headers.get('content-type');
    const parsed = parseJsonData(text);
    if (!parsed.ok || (!isJsonContentType(ctype) && /html/i.test(ctype ?? ''))) {
      throw this.badResponse(method, url, `expected JSON but got ${describeBody(ctype, text)}`);
    }
    return parsed.value as T;
  }

  private async readText(method: string, ex: Exchange, readOnly = false): Promise<string> {
    const declared = Number(ex.response.headers.get('content-length') ?? '0');
    if (declared > this.maxBody) throw this.badResponse(method, ex.url, `response too large (${declared} bytes, limit ${this.maxBody})`);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of ex.response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBody) {
          (ex.response.body as unknown as { destroy(): void }).destroy();
          throw this.badResponse(method, ex.url, `response too large (over ${this.maxBody} bytes)`);
        }
        chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (ex.timedOut()) throw this.timeoutError(method, ex.url, undefined, readOnly);
      if (ex.signal.aborted) throw this.abortedError(method, ex.url, true, readOnly);
      throw this.networkError(method, ex.url, e, 'the response broke off');
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** `secrets`: the credentials sent with the request, masked if the server echoes them back. */
  private async statusError(method: string, url: URL, response: Response, secrets: readonly string[] = []): Promise<HttpError> {
    const text = maskSecrets(await response.text().catch(() => ''), secrets);
    const ctype = response.headers.get('content-type');
    const parsed = text.trim() ? parseJsonData(text) : undefined;
    let serverMessage: string | undefined;
    if (parsed?.ok) serverMessage = this.o.errorMessage?.(parsed.value, text) ?? genericMessage(parsed.value);
    else if (text.trim()) serverMessage = `(${describeBody(ctype, text)})`;
    const status = response.status;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const line = statusLine(status, response.statusText);
    const code = status >= 300 && status < 400 ? 'bad-response' : codeForStatus(status);
    return new HttpError({
      code,
      message: `${this.o.label}: ${line}${serverMessage ? ` — ${serverMessage}` : ''}`,
      method,
      url: displayUrl(url),
      status,
      serverMessage,
      retryAfterMs,
      requestId: response.headers.get('x-request-id') ?? response.headers.get('x-correlation-id') ?? undefined,
    });
  }

  private timeoutError(method: string, url: URL, timeoutMs: number | undefined, readOnly = false): HttpError {
    const after = timeoutMs !== undefined ? ` after ${formatMs(timeoutMs)}` : '';
    const mutating = method !== 'GET' && method !== 'HEAD' && !readOnly;
    return new HttpError({
      code: mutating ? 'unknown-outcome' : 'timeout',
      message: mutating
        ? `${this.o.label}: no answer to ${method}${after}; it may or may not have taken effect — refresh to check`
        : `${this.o.label}: no answer${after}`,
      method,
      url: displayUrl(url),
    });
  }

  private abortedError(method: string, url: URL, sent: boolean, readOnly = false): HttpError {
    const mutating = sent && !readOnly && method !== 'GET' && method !== 'HEAD';
    return new HttpError({
      code: mutating ? 'unknown-outcome' : 'aborted',
      message: mutating
        ? `${this.o.label}: ${method} was cancelled while in flight; it may or may not have taken effect — refresh to check`
        : `${this.o.label}: request cancelled`,
      method,
      url: displayUrl(url),
    });
  }

  private networkError(method: string, url: URL, e: unknown, what = 'cannot connect'): HttpError {
    const detail = e instanceof FetchError || e instanceof Error ? describeNetworkError(e) : String(e);
    return new HttpError({ code: 'network', message: `${this.o.label}: ${what} (${detail})`, method, url: displayUrl(url), cause: e });
  }

  private badResponse(method: string, url: URL, what: string): HttpError {
    return new HttpError({ code: 'bad-response', message: `${this.o.label}: ${what}`, method, url: displayUrl(url) });
  }
}

/** The values of the credential headers of a request (a bearer token also without its scheme). */
function credentialValues(headers: Record<string, string>, authNames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (!v || !(CREDENTIAL_HEADERS.test(k) || authNames.has(k.toLowerCase()))) continue;
    out.push(v);
    const token = /^\s*\w+\s+(\S{4,})\s*$/.exec(v)?.[1];
    if (token) out.push(token);
  }
  return out.filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
}

/** A server that echoes a credential in its error (some do) must not put it into messages and logs. */
function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/** Common error shapes: `{message}`, `{error: {message}}`, `{detail}`, `{error: "..."}`, a bare string. */
function genericMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return snippet(body, 300);
  if (!body || typeof body !== 'object') return undefined;
  const o = body as Record<string, unknown>;
  for (const key of ['message', 'detail', 'error_message', 'error', 'description']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return snippet(v, 300);
    if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).message === 'string') {
      return snippet((v as Record<string, string>).message, 300);
    }
  }
  return undefined;
}

function describeNetworkError(e: Error): string {
  const code = (e as { code?: unknown }).code;
  const message = e.message.replace(/^request to \S+ failed, reason: /, '');
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
