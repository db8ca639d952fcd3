// Secrets at the transport boundary, through each kind's Backend: a token is sent only to its own
// backend's origin (a redirect to another origin drops it), and a server that echoes the token in an
// error does not get it into the BackendError the user (and the log) reads.
import * as assert from 'assert';
import * as http from 'http';
import { AcpBackend } from '../../../src/backends/acp';
import { AgentProtocolBackend } from '../../../src/backends/agent-protocol';
import { IcaBackend } from '../../../src/backends/ica';
import { KfpBackend } from '../../../src/backends/kfp';
import { LangGraphBackend } from '../../../src/backends/langgraph';
import type { Backend, BackendDeps, BackendKind, BackendProfile, Logger } from '../../../src/core';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';

const SECRET = 'sk-live-0123456789abcdef-SECRET';

class Lines implements Logger {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(m);
  }
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

function make(kind: BackendKind, baseUrl: string, log: Logger): Backend {
  const profile: BackendProfile = { id: `s-${kind}`, label: kind, kind, baseUrl };
  const deps: BackendDeps = { credentials: { get: async () => SECRET }, log, timeoutMs: 5000 };
  const retry = { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10 };
  switch (kind) {
    case 'kfp': return new KfpBackend(profile, deps, { retry });
    case 'ica': return new IcaBackend(profile, deps, { retry });
    case 'acp': return new AcpBackend({ ...profile, agentId: 'a' }, deps, { retry });
    case 'agent-protocol': return new AgentProtocolBackend({ ...profile, agentId: 'a' }, deps, { retry });
    case 'langgraph': return new LangGraphBackend(profile, deps, { retry });
  }
}

/** The first request the tree makes (KFP's root is static: its run list is one level down). */
async function firstList(b: Backend): Promise<void> {
  if (b.profile.kind === 'kfp') {
    const all = (await b.listChildren(undefined, { pageSize: 5 })).items.find((n) => n.scope?.group === 'all');
    await b.listChildren(all, { pageSize: 5 });
    return;
  }
  await b.listChildren(undefined, { pageSize: 5 });
}

interface Seen {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** A server that answers every request with `answer` and records what it got. */
async function server(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const srv = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const a = srv.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        srv.close(() => r());
        srv.closeAllConnections();
      }),
  };
}

const KINDS: BackendKind[] = ['kfp', 'ica', 'acp', 'agent-protocol', 'langgraph'];

describe('reliability: secrets at the transport boundary (every kind)', function () {
  this.timeout(30_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ seed: 3, runs: 5 });
  });
  after(async () => {
    await sb?.close();
  });

  for (const kind of KINDS) {
    it(`${kind}: a redirect to another origin drops the credential; the same origin keeps it`, async () => {
      // "Elsewhere" is another origin (another port): a proxy in front of the sandbox that records headers.
      const target = kind === 'kfp' ? sb.urls.kfp : kind === 'ica' ? sb.urls.ica : sb.urls.acp;
      const elsewhere: FaultProxy = await startFaultProxy(target);
      let hop = 0;
      const origin = await server((req, res) => {
        // First request of each pair: same-origin redirect (to /same/...), then a cross-origin one.
        const url = req.url ?? '/';
        if (url.startsWith('/same/')) {
          res.writeHead(307, { location: new URL(url.slice('/same'.length), elsewhere.url).toString() });
        } else {
          hop++;
          res.writeHead(307, { location: `/same${url}` });
        }
        res.end();
      });
      const log = new Lines();
      const b = make(kind, origin.url, log);
      try {
        await firstList(b).catch(() => undefined); // the other origin may not speak this kind's API
        assert.ok(hop > 0, 'the backend went through the redirecting origin');
        const own = origin.seen.filter((s) => s.path.startsWith('/same/'));
        assert.ok(own.length > 0);
        for (const s of own) {
          const sent = JSON.stringify(s.headers);
          if (kind !== 'ica' || s.path.includes('/v1/tokens')) assert.ok(sent.includes(SECRET), `${kind}: the same origin still gets the credential (${s.path})`);
        }
        assert.ok(elsewhere.list().length > 0, 'the request reached the other origin');
        for (const e of elsewhere.list()) {
          const sent = JSON.stringify(e.headers);
          assert.ok(!sent.includes(SECRET), `${kind}: the credential went to another origin: ${e.path}`);
          assert.ok(!/authorization|x-api-key/i.test(Object.keys(e.headers).join(',')), `${kind}: no credential header at the other origin: ${Object.keys(e.headers).join(',')}`);
        }
        assert.ok(log.lines.every((l) => !l.includes(SECRET)), `${kind}: not in the log`);
      } finally {
        b.dispose();
        await origin.close();
        await elsewhere.close();
      }
    });

    it(`${kind}: a server that echoes the credential in an error does not get it into the message`, async () => {
      for (const status of [401, 500, 400]) {
        const echo = await server((req, res) => {
          const sent = String(req.headers['authorization'] ?? req.headers['x-api-key'] ?? '');
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `credential "${sent}" is not valid here`, detail: `got ${sent}`, error: { message: `bad ${sent}` } }));
        });
        const log = new Lines();
        const b = make(kind, echo.url, log);
        try {
          const e = await firstList(b).then(
            () => undefined,
            (err: unknown) => err as Error,
          );
          assert.ok(e, `${kind} ${status}: fails`);
          assert.ok(!e.message.includes(SECRET), `${kind} ${status}: the message carries the secret: ${e.message}`);
          assert.ok(!e.message.includes(SECRET.slice(0, 16)), `${kind} ${status}: part of the secret`);
          assert.match(e.message, /\*\*\*/, `${kind} ${status}: the echoed value is masked: ${e.message}`);
          assert.ok(log.lines.every((l) => !l.includes(SECRET)), `${kind} ${status}: not in the log`);
        } finally {
          b.dispose();
          await echo.close();
        }
      }
    });
  }
});
