import * as assert from 'assert';
import { BackendError } from '../../../src/core';
import { HttpClient, HttpError, type HttpClientOptions } from '../../../src/http';
import { memoryLogger, rejection, sendJson, serve, type Fixture } from './fixture';

const FAST = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 200 };

function client(f: Fixture, extra: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({ baseUrl: f.url, label: `KFP at ${f.url.replace(/\/$/, '')}`, timeoutMs: 2000, log: memoryLogger(), retry: FAST, ...extra });
}

async function httpError(p: Promise<unknown>): Promise<HttpError> {
  const e = await rejection(p);
  assert.ok(e instanceof HttpError, `expected HttpError, got ${String(e)}`);
  assert.ok(e instanceof BackendError);
  return e;
}

describe('http/client', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('bodies', () => {
    it('parses JSON and sends JSON bodies, auth and query', async () => {
      f = await serve((req, res, body) => sendJson(res, 200, { echo: JSON.parse(body || 'null'), url: req.url }));
      const c = client(f, { auth: async () => ({ authorization: 'Bearer T' }) });
      const r = await c.json<{ echo: unknown; url: string }>({ method: 'POST', path: '/a/b', query: { x: 1 }, body: { k: 'v' } });
      assert.deepStrictEqual(r, { echo: { k: 'v' }, url: '/a/b?x=1' });
      assert.strictEqual(f.seen[0].headers.authorization, 'Bearer T');
      assert.strictEqual(f.seen[0].headers['content-type'], 'application/json');
    });

    it('returns undefined for 204 and for an empty body', async () => {
      f = await serve((req, res) => {
        res.writeHead(req.url === '/empty' ? 200 : 204);
        res.end();
      });
      assert.strictEqual(await client(f).json({ path: 'none' }), undefined);
      assert.strictEqual(await client(f).json({ path: 'empty' }), undefined);
    });

    it('reports an HTML body with its content type and first bytes', async () => {
      f = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>');
      });
      const e = await httpError(client(f).json({ path: 'x' }));
      assert.strictEqual(e.code, 'bad-response');
      assert.match(e.message, /^KFP at http:\/\/127\.0\.0\.1:\d+: expected JSON but got text\/html: "<!DOCTYPE html> <html><head>/);
    });

    it('reports invalid JSON declared as JSON', async () => {
      f = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"truncated": ');
      });
      const e = await httpError(client(f).json({ path: 'x' }));
      assert.strictEqual(e.code, 'bad-response');
      assert.match(e.message, /expected JSON but got application\/json: "\{\\"truncated\\":"/);
    });

    it('text() and response() with headers', async () => {
      f = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-thing': 'y' });
        res.end('line1\nline2');
      });
      assert.strictEqual(await client(f).text({ path: 'log' }), 'line1\nline2');
      const r = await client(f).response<undefined>({ path: 'log', accept: 'none' });
      assert.strictEqual(r.status, 200);
      assert.strictEqual(r.headers.get('x-thing'), 'y');
      assert.strictEqual(r.body, undefined);
    });

    it('refuses bodies over maxBodyBytes', async () => {
      f = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('['.padEnd(5000, ' '));
        res.end(']');
      });
      const e = await httpError(client(f, { maxBodyBytes: 1000 }).json({ path: 'big' }));
      assert.strictEqual(e.code, 'bad-response');
      assert.match(e.message, /too large/);
    });
  });

  describe('errors', () => {
    const cases: Array<[number, string]> = [
      [400, 'rejected'], [401, 'auth'], [403, 'auth'], [404, 'not-found'], [405, 'unsupported'], [409, 'rejected'],
      [422, 'rejected'], [429, 'rate-limited'], [500, 'server'], [501, 'unsupported'], [503, 'server'],
    ];
    for (const [status, code] of cases) {
      it(`maps ${status} to ${code}`, async () => {
        f = await serve((_req, res) => sendJson(res, status, { code: 3, message: `boom ${status}` }));
        const e = await httpError(client(f, { retry: { attempts: 1 } }).json({ path: 'x' }));
        assert.strictEqual(e.code, code);
        assert.strictEqual(e.status, status);
        assert.strictEqual(e.serverMessage, `boom ${status}`);
        assert.strictEqual(e.method, 'GET');
        assert.ok(e.url.endsWith('/x'));
      });
    }

    it('writes the user-facing message with the family extractor', async () => {
      f = await serve((_req, res) => sendJson(res, 401, { error: { reason: 'token expired' } }));
      const errorMessage = (body: unknown): string | undefined => (body as { error?: { reason?: string } }).error?.reason;
      const e = await httpError(client(f, { errorMessage }).json({ path: 'x' }));
      assert.strictEqual(e.message, `KFP at ${f.url.replace(/\/$/, '')}: 401 Unauthorized — token expired`);
    });

    it('quotes an HTML error page', async () => {
      f = await serve((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      });
      const e = await httpError(client(f, { retry: { attempts: 1 } }).json({ path: 'x' }));
      assert.strictEqual(e.code, 'server');
      assert.match(e.message, /: 502 Bad Gateway — \(text\/html: "<html><body><h1>502 Bad Gateway/);
    });

    it('reports connection refused as network', async () => {
      f = await serve((_req, res) => res.end());
      const url = f.url;
      await f.close();
      const e = await httpError(new HttpClient({ baseUrl: url, label: 'X', timeoutMs: 1000, log: memoryLogger(), retry: { attempts: 1 } }).json({ path: 'x' }));
      assert.strictEqual(e.code, 'network');
      assert.match(e.message, /^X: cannot connect \(.*ECONNREFUSED/);
    });
  });

  describe('retries', () => {
    it('retries a GET on 5xx with backoff, up to the bound', async () => {
      f = await serve((_req, res, _b, seen) => (seen.length < 3 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, { ok: 1 })));
      assert.deepStrictEqual(await client(f).json({ path: 'x' }), { ok: 1 });
      assert.strictEqual(f.count('GET'), 3);
    });

    it('gives up after the bound', async () => {
      f = await serve((_req, res) => sendJson(res, 500, { message: 'down' }));
      const e = await httpError(client(f).json({ path: 'x' }));
      assert.strictEqual(e.code, 'server');
      assert.strictEqual(f.count('GET'), 3);
    });

    it('never retries a POST, even when asked to', async () => {
      f = await serve((_req, res) => sendJson(res, 503, { message: 'busy' }));
      await httpError(client(f).json({ method: 'POST', path: 'runs', body: {}, idempotent: true }));
      assert.strictEqual(f.count('POST'), 1);
    });

    it('retries DELETE only when marked idempotent', async () => {
      f = await serve((_req, res) => sendJson(res, 503, {}));
      await httpError(client(f).json({ method: 'DELETE', path: 'a' }));
      assert.strictEqual(f.count('DELETE'), 1);
      await httpError(client(f).json({ method: 'DELETE', path: 'a', idempotent: true }));
      assert.strictEqual(f.count('DELETE'), 4);
    });

    it('does not retry 4xx', async () => {
      f = await serve((_req, res) => sendJson(res, 404, {}));
      await httpError(client(f).json({ path: 'x' }));
      assert.strictEqual(f.count('GET'), 1);
    });

    it('honours Retry-After on 429', async () => {
      const times: number[] = [];
      f = await serve((_req, res, _b, seen) => {
        times.push(Date.now());
        if (seen.length === 1) sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '0.15' });
        else sendJson(res, 200, [1]);
      });
      assert.deepStrictEqual(await client(f).json({ path: 'x' }), [1]);
      assert.ok(times[1] - times[0] >= 140, `waited ${times[1] - times[0]} ms`);
    });

    it('does not wait for a Retry-After above the cap and reports it', async () => {
      f = await serve((_req, res) => sendJson(res, 429, { message: 'quota' }, { 'retry-after': '60' }));
      const e = await httpError(client(f).json({ path: 'x' }));
      assert.strictEqual(e.code, 'rate-limited');
      assert.strictEqual(e.retryAfterMs, 60_000);
      assert.strictEqual(f.count('GET'), 1);
    });

    it('re-authorizes once on 401 when the provider refreshes', async () => {
      let token = 'old';
      f = await serve((req, res) => (req.headers.authorization === 'Bearer new' ? sendJson(res, 200, { ok: true }) : sendJson(res, 401, { message: 'expired' })));
      const c = client(f, { auth: async () => ({ authorization: `Bearer ${token}` }), onUnauthorized: async () => ((token = 'new'), true) });
      assert.deepStrictEqual(await c.json({ method: 'POST', path: 'x', body: {} }), { ok: true });
      assert.strictEqual(f.count('POST'), 2);
    });
  });

  describe('timeouts and aborts', () => {
    const hang = (): Promise<Fixture> => serve(() => undefined);

    it('times out a GET', async () => {
      f = await hang();
      const e = await httpError(client(f, { timeoutMs: 100 }).json({ path: 'slow' }));
      assert.strictEqual(e.code, 'timeout');
      assert.match(e.message, /no answer after 100 ms/);
    });

    it('a POST that times out has an unknown outcome and is sent once', async () => {
      f = await hang();
      const e = await httpError(client(f).json({ method: 'POST', path: 'runs', body: {}, timeoutMs: 100 }));
      assert.strictEqual(e.code, 'unknown-outcome');
      assert.match(e.message, /may or may not have taken effect/);
      assert.strictEqual(f.count('POST'), 1);
    });

    it('a caller abort is reported as aborted', async () => {
      f = await hang();
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 50);
      const e = await httpError(client(f).json({ path: 'x', signal: ctl.signal }));
      assert.strictEqual(e.code, 'aborted');
    });

    it('an already aborted signal sends nothing', async () => {
      f = await hang();
      const ctl = new AbortController();
      ctl.abort();
      const e = await httpError(client(f).json({ method: 'POST', path: 'x', signal: ctl.signal }));
      assert.strictEqual(e.code, 'aborted');
      assert.strictEqual(f.seen.length, 0);
    });

    it('times out a body that stalls', async () => {
      f = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a":');
      });
      const e = await httpError(client(f, { timeoutMs: 150 }).json({ path: 'x' }));
      assert.strictEqual(e.code, 'timeout');
    });
  });

  describe('redirects', () => {
    it('follows same-origin redirects with credentials', async () => {
      f = await serve((req, res) => {
        if (req.url === '/old') {
          res.writeHead(302, { location: '/new' });
          res.end();
        } else sendJson(res, 200, { auth: req.headers.authorization ?? null });
      });
      assert.deepStrictEqual(await client(f, { auth: async () => ({ authorization: 'Bearer T' }) }).json({ path: 'old' }), { auth: 'Bearer T' });
    });

    it('never forwards credentials to another origin', async () => {
      const other = await serve((req, res) => sendJson(res, 200, { auth: req.headers.authorization ?? null, key: req.headers['x-api-key'] ?? null }));
      try {
        f = await serve((_req, res) => {
          res.writeHead(307, { location: `${other.url}elsewhere` });
          res.end();
        });
        const c = client(f, { auth: async () => ({ authorization: 'Bearer T', 'x-api-key': 'K' }) });
        assert.deepStrictEqual(await c.json({ path: 'x' }), { auth: null, key: null });
      } finally {
        await other.close();
      }
    });
  });

  describe('logging', () => {
    it('traces each request without secrets', async () => {
      f = await serve((_req, res) => sendJson(res, 200, {}));
      const log = memoryLogger();
      await client(f, { log, auth: async () => ({ authorization: 'Bearer SECRET1' }) }).json({ path: 'x', query: { access_token: 'SECRET2', page_size: 3 } });
      assert.strictEqual(log.lines.length, 1);
      assert.match(log.lines[0], /^trace KFP at .*: GET http:\/\/127\.0\.0\.1:\d+\/x\?access_token=REDACTED&page_size=3 -> 200 in \d+ ms$/);
      assert.ok(!log.lines.join('\n').includes('SECRET'));
    });
  });
});
