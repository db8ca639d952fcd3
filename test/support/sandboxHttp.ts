/**
 * Small HTTP helpers for tests against the sandbox (or any server): `call` for JSON requests and `sse` to
 * collect a Server-Sent Events stream (parsed with eventsource-parser; raw text kept for framing checks).
 */
import { createParser } from 'eventsource-parser';

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when empty / not JSON. */
  json: unknown;
}

export async function call(url: string, o: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: o.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, signal: o.signal });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseResult {
  status: number;
  contentType: string | null;
  events: SseMessage[];
  raw: string;
  /** 'end' = server ended the stream, 'stopped' = `until` matched or timeout, 'error' = connection cut. */
  outcome: 'end' | 'stopped' | 'error';
}

export interface SseOptions extends CallOptions {
  /** Stop (abort the request) once this returns true. */
  until?: (events: SseMessage[]) => boolean;
  timeoutMs?: number;
  /** Called for each event as it arrives (e.g. to advance a clock). */
  onEvent?: (e: SseMessage, all: SseMessage[]) => void;
}

export async function sse(url: string, o: SseOptions = {}): Promise<SseResult> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), o.timeoutMs ?? 10_000);
  const headers: Record<string, string> = { accept: 'text/event-stream', ...(o.headers ?? {}) };
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const events: SseMessage[] = [];
  let raw = '';
  let stopped = false;
  const parser = createParser({
    onEvent(ev) {
      const m: SseMessage = { data: ev.data };
      if (ev.id !== undefined) m.id = ev.id;
      if (ev.event !== undefined) m.event = ev.event;
      events.push(m);
      o.onEvent?.(m, events);
      if (o.until?.(events)) {
        stopped = true;
        ac.abort();
      }
    },
  });
  try {
    const res = await fetch(url, { method: o.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, signal: ac.signal });
    const ct = res.headers.get('content-type');
    if (!res.body) return { status: res.status, contentType: ct, events, raw, outcome: 'end' };
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const s = decoder.decode(chunk, { stream: true });
        raw += s;
        parser.feed(s);
      }
      return { status: res.status, contentType: ct, events, raw, outcome: 'end' };
    } catch {
      return { status: res.status, contentType: ct, events, raw, outcome: stopped || ac.signal.aborted ? 'stopped' : 'error' };
    }
  } finally {
    clearTimeout(timer);
  }
}

export function dataJson(m: SseMessage): unknown {
  return JSON.parse(m.data) as unknown;
}
