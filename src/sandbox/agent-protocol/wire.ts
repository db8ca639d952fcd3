/**
 * Agent Protocol SSE, as LangGraph-based servers frame it (the spec leaves it open): `metadata` first,
 * then one event per requested stream mode per step (values, updates, messages, custom), `__interrupt__`
 * in updates/values at an interrupt, `error` on failure; ids count from 0 over the whole run (replayable).
 */
import type { SimEvent } from '../common/agentSim';
import type { WireSnapshot } from '../common/follow';
import type { SseEvent } from '../common/sse';
import type { Json } from './agents';
import type { ApRun } from './store';

function expand(r: ApRun, e: SimEvent): { event: string; data: unknown }[] {
  const has = (m: string): boolean => r.modes.includes(m as ApRun['modes'][number]);
  switch (e.type) {
    case 'start':
      return [{ event: 'metadata', data: { run_id: r.run_id, attempt: e.attempt } }];
    case 'step': {
      const out: { event: string; data: unknown }[] = [];
      if (has('values')) out.push({ event: 'values', data: e.values });
      if (has('updates')) out.push({ event: 'updates', data: { [e.step.node]: e.step.update } });
      if (has('messages') && e.step.message) out.push({ event: 'messages', data: [{ role: 'assistant', content: e.step.message, id: `msg-${r.run_id.slice(0, 8)}-${e.seq}` }, { langgraph_node: e.step.node }] });
      if (has('custom') && e.step.custom) out.push({ event: 'custom', data: e.step.custom });
      return out;
    }
    case 'interrupt': {
      const intr = [{ id: e.interruptId, value: { interrupt_type: e.interruptType, ...e.payload } }];
      const out: { event: string; data: unknown }[] = [];
      if (has('updates') || !has('values')) out.push({ event: 'updates', data: { __interrupt__: intr } });
      if (has('values')) out.push({ event: 'values', data: { ...e.values, __interrupt__: intr } });
      return out;
    }
    case 'error':
      return [{ event: 'error', data: { error: e.errorName, message: e.message } }];
    case 'timeout':
      return [{ event: 'error', data: { error: 'TimeoutError', message: 'The run exceeded its time limit' } }];
    default:
      return [];
  }
}

export function wireSnapshot(r: ApRun, now: number): WireSnapshot {
  const events: SseEvent[] = [];
  for (const e of r.sim.events(now)) for (const w of expand(r, e)) events.push({ id: String(events.length), ...w });
  return { events, settled: r.sim.status(now) !== 'pending', nextAt: r.sim.nextChangeAt(now) };
}

/** RunWaitResponse: the run, its values and the assistant messages so far. */
export function waitJson(r: ApRun, now: number, run: Json): Json {
  const messages = r.sim.events(now).flatMap((e) => (e.type === 'step' && e.step.message ? [{ role: 'assistant', content: e.step.message, id: `msg-${r.run_id.slice(0, 8)}-${e.seq}` }] : []));
  const intr = r.sim.interrupt(now);
  const values = intr ? { ...r.sim.values(now), __interrupt__: [{ id: intr.interruptId, value: { interrupt_type: intr.interruptType, ...intr.payload } }] } : r.sim.values(now);
  return { run, values, messages };
}
