/**
 * A simulated agent run shared by the ACP and Agent Protocol servers. The run is a list of segments (the
 * start, then one per resume); each segment has timed steps and an end (success, interrupt, error,
 * timeout). Everything observable (status, values, events) is computed from the segments and `now`, so
 * seeded runs cost nothing until asked, and event numbering is stable (replay by id works).
 */
import type { Prng } from './prng';

export type AgentStatus = 'pending' | 'interrupted' | 'success' | 'error' | 'timeout';

export interface Step {
  /** Offset from the segment start, simulated ms. */
  atMs: number;
  node: string;
  /** Merged into the run's values. */
  update: Record<string, unknown>;
  /** Assistant message text produced by this step, if any. */
  message?: string;
  /** Custom stream payload of this step, if any. */
  custom?: Record<string, unknown>;
}

export type SegmentEnd =
  | { kind: 'success' }
  | { kind: 'interrupt'; interruptType: string; payload: Record<string, unknown> }
  | { kind: 'error'; errorName: string; message: string; code: number }
  | { kind: 'timeout' };

export interface Segment {
  steps: Step[];
  endMs: number;
  end: SegmentEnd;
}

export type SimEvent =
  | { seq: number; at: number; type: 'start'; attempt: number }
  | { seq: number; at: number; type: 'step'; step: Step; values: Record<string, unknown> }
  | { seq: number; at: number; type: 'interrupt'; interruptId: string; interruptType: string; payload: Record<string, unknown>; values: Record<string, unknown> }
  | { seq: number; at: number; type: 'error'; errorName: string; message: string; code: number; values: Record<string, unknown> }
  | { seq: number; at: number; type: 'success' | 'timeout'; values: Record<string, unknown> };

/** Builds the next segment of a run: after the start (`resume` undefined) or after a resume. */
export interface Behaviour {
  readonly name: string;
  readonly description: string;
  segment(input: Record<string, unknown>, resume: unknown, attempt: number, rng: Prng, pace: number): Segment;
}

interface Placed {
  startAt: number;
  seg: Segment;
}

export class AgentRun {
  private readonly segments: Placed[] = [];
  private cancelledAt: number | undefined;

  constructor(
    readonly behaviour: Behaviour,
    readonly input: Record<string, unknown>,
    startAt: number,
    private readonly rng: Prng,
    private readonly pace = 1,
  ) {
    this.segments.push({ startAt, seg: behaviour.segment(input, undefined, 1, rng, pace) });
  }

  get createdAt(): number {
    return this.segments[0].startAt;
  }

  events(now: number): SimEvent[] {
    const out: SimEvent[] = [];
    let values: Record<string, unknown> = { ...this.input };
    const stopAt = this.cancelledAt ?? Infinity;
    this.segments.forEach((p, i) => {
      if (p.startAt > now) return;
      out.push({ seq: out.length, at: p.startAt, type: 'start', attempt: i + 1 });
      for (const step of p.seg.steps) {
        const at = p.startAt + step.atMs;
        if (at > now || at > stopAt) return;
        values = { ...values, ...step.update };
        out.push({ seq: out.length, at, type: 'step', step, values });
      }
      const at = p.startAt + p.seg.endMs;
      if (at > now || at > stopAt) return;
      const e = p.seg.end;
      if (e.kind === 'interrupt') out.push({ seq: out.length, at, type: 'interrupt', interruptId: `int-${i + 1}-${p.startAt.toString(36)}`, interruptType: e.interruptType, payload: e.payload, values });
      else if (e.kind === 'error') out.push({ seq: out.length, at, type: 'error', errorName: e.errorName, message: e.message, code: e.code, values });
      else out.push({ seq: out.length, at, type: e.kind, values });
    });
    if (this.cancelledAt !== undefined && this.cancelledAt <= now) {
      const last = out[out.length - 1];
      const lastValues = last && 'values' in last ? last.values : values;
      if (!last || last.type === 'start' || last.type === 'step' || last.type === 'interrupt') {
        out.push({ seq: out.length, at: this.cancelledAt, type: 'error', errorName: 'Cancelled', message: 'The run was cancelled', code: 499, values: lastValues });
      }
    }
    return out;
  }

  status(now: number): AgentStatus {
    return statusOf(this.events(now));
  }

  values(now: number): Record<string, unknown> {
    const evs = this.events(now);
    for (let i = evs.length - 1; i >= 0; i--) {
      const e = evs[i];
      if ('values' in e) return e.values;
    }
    return { ...this.input };
  }

  updatedAt(now: number): number {
    const evs = this.events(now);
    return evs.length ? evs[evs.length - 1].at : this.createdAt;
  }

  /** When the next event happens, if the run is still moving. */
  nextChangeAt(now: number): number | undefined {
    if (this.cancelledAt !== undefined && this.cancelledAt <= now) return undefined;
    const p = this.segments[this.segments.length - 1];
    if (p.startAt > now) return p.startAt;
    const times = [...p.seg.steps.map((s) => p.startAt + s.atMs), p.startAt + p.seg.endMs];
    return times.find((t) => t > now);
  }

  /** The pending interrupt, when the run is interrupted. */
  interrupt(now: number): Extract<SimEvent, { type: 'interrupt' }> | undefined {
    const evs = this.events(now);
    const last = evs[evs.length - 1];
    return last?.type === 'interrupt' ? last : undefined;
  }

  /** Continues an interrupted run with the answer; the caller checked the status. */
  resume(now: number, value: unknown): void {
    this.segments.push({ startAt: now, seg: this.behaviour.segment(this.input, value, this.segments.length + 1, this.rng, this.pace) });
  }

  cancel(now: number): void {
    this.cancelledAt ??= now;
  }

  get cancelled(): boolean {
    return this.cancelledAt !== undefined;
  }
}

export function statusOf(evs: SimEvent[]): AgentStatus {
  const last = evs[evs.length - 1];
  if (!last || last.type === 'start' || last.type === 'step') return 'pending';
  if (last.type === 'interrupt') return 'interrupted';
  return last.type;
}

export function isSettled(s: AgentStatus): boolean {
  return s !== 'pending';
}
