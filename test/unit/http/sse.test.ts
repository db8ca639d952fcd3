import * as assert from 'assert';
import type { ServerResponse } from 'http';
import { HttpClient, HttpError, parseJsonData, readSse, type SseEvent, type SseProblem } from '../../../src/http';
import { memoryLogger, rejection, serve, type Fixture } from './fixture';
import { eachEvent } from '../../support/events';

function client(f: Fixture): HttpClient {
  return new HttpClient({ baseUrl: f.url, label: 'ACP at test', timeoutMs: 1000, log: memoryLogger(), retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 5 } });
}

function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

async function collect(it: AsyncIterable<readonly SseEvent[]>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const batch of it) {
    assert.ok(batch.length > 0, 'no empty batches');
    out.push(...batch);
  }
  return out;
}

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p, 'utf8');
}

describe('http/sse', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('readSse framing', () => {
    it('joins multi-line data, ignores comments, keeps ids and event names', async () => {
      const events = await collect(readSse(chunks(': heartbeat\n\n', 'id: 1\nevent: agent_event\ndata: {"a":\ndata: 1}\n\n', 'data: plain\n\n')));
      assert.deepStrictEqual(events, [
        { id: '1', event: 'agent_event', data: '{"a":\n1}' },
        { event: 'message', data: 'plain' },
      ]);
    });

    it('handles events split across chunks, CRLF and split UTF-8', async () => {
      const euro = Buffer.from('€');
      async function* split(): AsyncGenerator<Buffer> {
        yield Buffer.from('id: 7\r\nda');
        yield Buffer.from('ta: x');
        yield euro.subarray(0, 1);
        yield Buffer.concat([euro.subarray(1), Buffer.from('\r\n\r\n')]);
      }
      assert.deepStrictEqual(await collect(readSse(split())), [{ id: '7', event: 'message', data: 'x€' }]);
    });

    it('passes the retry field on with the next event', async () => {
      const events = await collect(readSse(chunks('retry: 2500\n\ndata: a\n\ndata: b\n\n')));
      assert.deepStrictEqual(events, [{ event: 'message', data: 'a', retry: 2500 }, { event: 'message', data: 'b' }]);
    });

    it('drops and reports an event cut mid-way, keeping the ones before', async () => {
      const problems: SseProblem[] = [];
      const events = await collect(readSse(chunks('data: whole\n\n', 'id: 2\ndata: {"half'), { onProblem: (p) => problems.push(p) }));
      assert.deepStrictEqual(events, [{ event: 'message', data: 'whole' }]);
      assert.strictEqual(problems.length, 1);
      assert.strictEqual(problems[0].kind, 'truncated');
    });

    it('hands on the events of each chunk as one batch', async () => {
      const batches: string[][] = [];
      for await (const b of readSse(chunks('data: 1\n\ndata: 2\n\ndata: 3', '\n\n', ': comment only\n\n', 'data: 4\n\n'))) batches.push(b.map((e) => e.data));
      assert.deepStrictEqual(batches, [['1', '2'], ['3'], ['4']]);
    });

    it('a blank line split across chunks ends the event (no false truncation), in LF, CR and CRLF streams', async () => {
      for (const nl of ['\n', '\r', '\r\n']) {
        const problems: SseProblem[] = [];
        // (A closing comment: a lone CR at the very end could still be the start of a CRLF.)
        const events = await collect(readSse(chunks(`data: a${nl}`, `${nl}data: b${nl}`, `${nl}: bye${nl}`), { onProblem: (p) => problems.push(p) }));
        assert.deepStrictEqual(events.map((e) => e.data), ['a', 'b'], JSON.stringify(nl));
        assert.deepStrictEqual(problems, [], JSON.stringify(nl));
      }
    });

    it('a cut after many whole events in one chunk is still reported', async () => {
      const problems: SseProblem[] = [];
      const whole = 'data: x\n\n'.repeat(1000);
      const events = await collect(readSse(chunks(whole + 'data: {"cut', '":1'), { onProblem: (p) => problems.push(p) }));
      assert.strictEqual(events.length, 1000);
      assert.deepStrictEqual(problems.map((p) => p.kind), ['truncated']);
    });

    it('a clean end reports nothing', async () => {
      const problems: SseProblem[] = [];
      await collect(readSse(chunks('data: a\n\n: bye\n'), { onProblem: (p) => problems.push(p) }));
      assert.deepStrictEqual(problems, []);
    });
  });

  describe('parseJsonData', () => {
    it('parses JSON and describes what is not', () => {
      assert.deepStrictEqual(parseJsonData('{"a":[1]}'), { ok: true, value: { a: [1] } });
      const bad = parseJsonData('{oops');
      assert.strictEqual(bad.ok, false);
      assert.match(!bad.ok ? bad.error : '', /not valid JSON .*"\{oops"/);
    });
  });

  describe('HttpClient.sse', () => {
    it('streams events; a malformed data line is reported by the caller and the stream continues', async () => {
      f = await serve((_req, res) => {
        sseHead(res);
        res.write('id: 1\nevent: values\ndata: {"n":1}\n\n');
        res.write('id: 2\nevent: values\ndata: {not json\n\n');
        res.end('id: 3\nevent: values\ndata: {"n":3}\n\n');
      });
      const parsed = (await collect(client(f).sse({ path: 'runs/1/stream' }))).map((e) => [e.id, parseJsonData(e.data).ok]);
      assert.deepStrictEqual(parsed, [['1', true], ['2', false], ['3', true]]);
      assert.strictEqual(f.seen[0].headers.accept, 'text/event-stream');
    });

    it('sends Last-Event-ID when resuming and the server replays after it', async () => {
      const all = ['a', 'b', 'c', 'd'];
      f = await serve((req, res) => {
        const last = req.headers['last-event-id'];
        const from = last === undefined ? 0 : Number(last) + 1;
        sseHead(res);
        // The first connection is cut after two events; the second resumes after the last id seen.
        const upTo = last === undefined ? 2 : all.length;
        for (let i = from; i < upTo; i++) res.write(`id: ${i}\ndata: ${all[i]}\n\n`);
        if (last === undefined) res.write('id: 2\ndata: c-cut');
        res.end();
      });
      const first = await collect(client(f).sse({ path: 's' }));
      assert.deepStrictEqual(first.map((e) => e.data), ['a', 'b']);
      const second = await collect(client(f).sse({ path: 's', lastEventId: first[first.length - 1].id }));
      assert.deepStrictEqual(second.map((e) => e.data), ['c', 'd']);
      assert.strictEqual(f.seen[1].headers['last-event-id'], '1');
    });

    it('ends cleanly when the caller aborts mid-stream', async () => {
      f = await serve((_req, res) => {
        sseHead(res);
        res.write('data: first\n\n'); // then stays open
      });
      const ctl = new AbortController();
      const got: string[] = [];
      for await (const e of eachEvent(client(f).sse({ path: 's', signal: ctl.signal }))) {
        got.push(e.data);
        setTimeout(() => ctl.abort(), 20);
      }
      assert.deepStrictEqual(got, ['first']);
    });

    it('breaking out of the loop closes the connection', async () => {
      let closed = false;
      f = await serve((req, res) => {
        sseHead(res);
        res.write('data: 1\n\n');
        req.socket.on('close', () => (closed = true));
      });
      for await (const _e of client(f).sse({ path: 's' })) break;
      await new Promise((r) => setTimeout(r, 50));
      assert.ok(closed);
    });

    it('the timeout covers connecting, not the life of the stream', async () => {
      f = await serve((_req, res) => {
        sseHead(res);
        res.flushHeaders();
        setTimeout(() => res.end('data: late\n\n'), 1300);
      });
      const events = await collect(client(f).sse({ path: 's' }));
      assert.deepStrictEqual(events.map((e) => e.data), ['late']);
    });

    it('204 is an empty stream', async () => {
      f = await serve((_req, res) => {
        res.writeHead(204);
        res.end();
      });
      assert.deepStrictEqual(await collect(client(f).sse({ path: 's' })), []);
    });

    it('an HTML page instead of a stream is a bad response; an error status is an HttpError', async () => {
      f = await serve((req, res) => {
        res.writeHead(req.url === '/html' ? 200 : 404, { 'content-type': req.url === '/html' ? 'text/html' : 'application/json' });
        res.end(req.url === '/html' ? '<html>login</html>' : '{"message":"no run"}');
      });
      const e1 = await rejection(collect(client(f).sse({ path: 'html' })));
      assert.ok(e1 instanceof HttpError && e1.code === 'bad-response' && /text\/html/.test(e1.message));
      const e2 = await rejection(collect(client(f).sse({ path: 'gone' })));
      assert.ok(e2 instanceof HttpError && e2.code === 'not-found' && e2.serverMessage === 'no run');
    });

    it('a POST stream is not retried on 5xx', async () => {
      f = await serve((_req, res) => {
        res.writeHead(503);
        res.end();
      });
      await rejection(collect(client(f).sse({ method: 'POST', path: 'runs/stream', body: {} })));
      assert.strictEqual(f.count('POST'), 1);
    });
  });
});
