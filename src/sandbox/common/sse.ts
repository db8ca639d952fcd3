import type { Ctx } from './context';

export interface SseEvent {
  id?: string;
  event?: string;
  /** Serialized as compact JSON unless already a string. */
  data: unknown;
}

const HEARTBEAT_MS = 15_000;

/**
 * Writes text/event-stream and applies the stream faults of the request (drop, truncate, non-JSON data,
 * stall). `closed` turns true when the client leaves or the stream was cut; producers stop then.
 */
export class SseWriter {
  private sent = 0;
  private cut = false;
  private stalledFlag = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly ctx: Ctx, headers: Record<string, string> = {}) {
    ctx.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
      ...(ctx.fault?.headers ?? {}),
    });
    ctx.res.flushHeaders();
    // Comments keep idle proxies from closing a quiet stream; clients ignore them.
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    ctx.signal.addEventListener('abort', () => this.end(), { once: true });
  }

  get closed(): boolean {
    return this.cut || this.ctx.signal.aborted || this.ctx.res.destroyed || this.ctx.res.writableEnded;
  }

  /** True after a stallStream fault went quiet: the producer should just wait for `closed`. */
  get stalled(): boolean {
    return this.stalledFlag;
  }

  send(ev: SseEvent): void {
    if (this.closed || this.stalledFlag) return;
    const f = this.ctx.fault;
    const text = format(ev);
    if (f?.nonJsonSseData && this.sent === 0) this.write(format({ event: ev.event, data: 'this is not JSON {' }));
    const limit = f?.dropStreamAfterEvents;
    if (f?.truncateStreamMidEvent && this.sent === (limit ?? 1)) {
      this.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => this.destroy());
      this.cut = true;
      return;
    }
    this.sent++;
    if (limit !== undefined && !f?.truncateStreamMidEvent && this.sent >= limit) {
      this.write(text, () => this.destroy());
      this.cut = true;
    } else {
      this.write(text);
      if (f?.stallStream) this.stalledFlag = true;
    }
  }

  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.ctx.res.writableEnded && !this.ctx.res.destroyed) this.ctx.res.end();
  }

  private write(s: string, flushed?: () => void): void {
    if (!this.closed) this.ctx.res.write(s, flushed);
  }

  /** Cuts the connection (after the bytes written so far left) without a clean end, as a crashed proxy would. */
  private destroy(): void {
    this.cut = true;
    clearInterval(this.heartbeat);
    this.ctx.res.socket?.destroy();
    this.ctx.res.destroy();
  }
}

export function format(ev: SseEvent): string {
  let out = '';
  if (ev.event !== undefined) out += `event: ${ev.event}\n`;
  const data = typeof ev.data === 'string' ? ev.data : JSON.stringify(ev.data);
  for (const line of data.split('\n')) out += `data: ${line}\n`;
  if (ev.id !== undefined) out += `id: ${ev.id}\n`;
  return out + '\n';
}
