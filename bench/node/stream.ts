// Figure 4, stream throughput: N SSE events (~300 bytes) from a local ACP server through the client's
// whole path (AcpBackend.streamOutput: HttpClient.sse -> readSse on eventsource-parser -> followEventStream
// -> OutputEvent with JSON data) against eventsource-parser alone over the same bytes, fetched the same way
// (node-fetch) from the same server.
import { createParser } from 'eventsource-parser';
import fetch from 'node-fetch';
import { BACKEND_REGISTRY } from '../../src/backends/registry';
import { NULL_LOGGER } from '../../src/core';
import { readSse } from '../../src/http/sse';
import { startBigStream } from '../lib/bigStream';
import { compare, infoResult, log, ratioResult, type Result } from '../lib/stats';

export async function streamBenchmark(events: number, runs: number): Promise<Result[]> {
  const server = await startBigStream(events);
  const backend = BACKEND_REGISTRY.acp()({ id: 'bench-acp', label: 'bench', kind: 'acp', baseUrl: server.url }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 30000 });
  let n = 0;
  const runId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const client = async (): Promise<void> => {
    let count = 0;
    for await (const batch of backend.streamOutput({ backendId: 'bench-acp', runId: runId() }, { signal: new AbortController().signal })) {
      for (const e of batch) if (e.type === 'agent_event') count++;
    }
    if (count !== events) throw new Error(`client got ${count} events, not ${events}`);
  };
  const bare = async (): Promise<void> => {
    let count = 0;
    const parser = createParser({ onEvent: () => count++ });
    const res = await fetch(`${server.url}runs/${runId()}/stream`, { headers: { accept: 'text/event-stream' } });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as AsyncIterable<Buffer>) parser.feed(decoder.decode(chunk, { stream: true }));
    if (count !== events) throw new Error(`bare parser got ${count} events, not ${events}`);
  };
  const reader = async (): Promise<void> => {
    let count = 0;
    const res = await fetch(`${server.url}runs/${runId()}/stream`, { headers: { accept: 'text/event-stream' } });
    for await (const batch of readSse(res.body as AsyncIterable<Buffer>)) for (const e of batch) if (e.event === 'agent_event') count++;
    if (count !== events) throw new Error(`readSse got ${count} events, not ${events}`);
  };
  const parse = async (): Promise<void> => {
    let count = 0;
    const parser = createParser({ onEvent: (m) => { JSON.parse(m.data); count++; } });
    const res = await fetch(`${server.url}runs/${runId()}/stream`, { headers: { accept: 'text/event-stream' } });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as AsyncIterable<Buffer>) parser.feed(decoder.decode(chunk, { stream: true }));
    if (count !== events) throw new Error(`bare parser got ${count} events, not ${events}`);
  };
  try {
    const r = await compare(client, bare, runs, 1);
    const rr = await compare(reader, bare, runs, 1);
    const rp = await compare(parse, bare, runs, 1);
    log(`stream: client ${r.a.toFixed(0)} ms vs eventsource-parser ${r.b.toFixed(0)} ms`);
    const mb = server.streamBytes / 1e6;
    return [
      ratioResult('stream.100k', r.a, r.b, 'ms', 1.5, `${events} events, ${mb.toFixed(1)} MB (${Math.round(server.streamBytes / events)} B/event); median of ${runs}`),
      ratioResult('stream.100k.reader', rr.a, rr.b, 'ms', 1.5, 'the SSE reader alone (readSse, no JSON, no mapping) vs eventsource-parser alone'),
      infoResult('stream.100k.parserPlusJson', rp.a / rp.b, 'x', `eventsource-parser + JSON.parse of each event's data, relative to eventsource-parser alone (${rp.a.toFixed(0)} vs ${rp.b.toFixed(0)} ms): the floor of any mapping that hands the panel parsed JSON`),
      infoResult('stream.100k.throughput', events / (r.a / 1000), 'events/s', 'client path'),
    ];
  } finally {
    backend.dispose();
    await server.close();
  }
}
