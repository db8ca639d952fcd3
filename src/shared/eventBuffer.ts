// Bounded memory for run output (setting runsExplorer.output.maxEvents): a ring buffer that drops the
// oldest events and counts them, so the panel can say "N older events dropped" (in its own words:
// src/webview/l10n.ts droppedNotice). Used by the panel host (the source of truth, for export and replay
// after a webview reload) and by the webview.

export const DEFAULT_MAX_EVENTS = 10000;
export const MIN_MAX_EVENTS = 100;
export const MAX_MAX_EVENTS = 1000000;

/** The setting's value, clamped to what the panel supports; anything not a number gives the default. */
export function clampMaxEvents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_MAX_EVENTS;
  return Math.min(MAX_MAX_EVENTS, Math.max(MIN_MAX_EVENTS, Math.floor(value)));
}

export class EventBuffer<T> {
  private items: Array<T | undefined>;
  private head = 0;
  private size = 0;
  private droppedCount = 0;

  constructor(private capacity: number) {
    this.capacity = clampMaxEvents(capacity);
    this.items = [];
  }

  get length(): number {
    return this.size;
  }

  get max(): number {
    return this.capacity;
  }

  /** Events dropped since the start (or since `reset`), oldest first. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Sequence number of the event at index 0 (= events ever pushed before it). */
  get firstSeq(): number {
    return this.droppedCount;
  }

  /** Total events ever pushed (dropped + kept). */
  get total(): number {
    return this.droppedCount + this.size;
  }

  /** Appends one event; returns how many older ones were dropped (0 or 1). */
  push(event: T): number {
    return this.pushAll([event]);
  }

  /** Appends events (any number: no spread, no stack limit); returns how many older ones were dropped. */
  pushAll(events: readonly T[]): number {
    let dropped = 0;
    for (const e of events) {
      if (this.size < this.capacity) {
        this.items[(this.head + this.size) % this.capacity] = e;
        this.size++;
      } else {
        this.items[this.head] = e;
        this.head = (this.head + 1) % this.capacity;
        this.droppedCount++;
        dropped++;
      }
    }
    return dropped;
  }

  /** The event at index i (0 = oldest kept). */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.size) return undefined;
    return this.items[(this.head + i) % this.capacity];
  }

  /** Events in [from, to) by index, oldest first. */
  slice(from = 0, to = this.size): T[] {
    const out: T[] = [];
    const end = Math.min(to, this.size);
    for (let i = Math.max(0, from); i < end; i++) out.push(this.items[(this.head + i) % this.capacity] as T);
    return out;
  }

  toArray(): T[] {
    return this.slice();
  }

  /** Empties the buffer; `dropped` starts at the given count (what the sender had already dropped). */
  reset(dropped = 0): void {
    this.items = [];
    this.head = 0;
    this.size = 0;
    this.droppedCount = Math.max(0, Math.floor(dropped));
  }

  /** Changes the bound; shrinking drops the oldest events (counted). */
  resize(max: number): void {
    const kept = this.toArray();
    const dropped = this.droppedCount;
    this.capacity = clampMaxEvents(max);
    this.reset(dropped);
    this.pushAll(kept);
  }
}
