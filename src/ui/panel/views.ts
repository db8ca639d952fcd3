// Domain objects -> the plain views the webview renders (src/shared/protocol). Dates become ISO strings;
// server data is carried as data and always rendered as text by the webview.
import { eventData } from '../../shared/eventText';
import { CAPABILITY_NAMES, type CapabilityName, type EventView, type RunView, type TaskView } from '../../shared/protocol';
import type { OutputEvent, Run, Task } from '../../core';

const iso = (d: Date | undefined): string | undefined => (d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined);

export function runView(run: Run, backendLabel: string, hasWebUrl: boolean): RunView {
  const capabilities = Object.fromEntries(CAPABILITY_NAMES.map((c) => [c, run.capabilities[c] === true])) as Record<CapabilityName, boolean>;
  const createdAt = iso(run.createdAt);
  const startedAt = iso(run.startedAt);
  const finishedAt = iso(run.finishedAt);
  return {
    backendId: run.backendId,
    backendLabel,
    kind: run.kind,
    runId: run.runId,
    ...(run.threadId ? { threadId: run.threadId } : {}),
    name: run.name,
    status: run.state.status,
    rawStatus: run.state.raw,
    ...(createdAt ? { createdAt } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    capabilities,
    ...(run.archived ? { archived: true } : {}),
    ...(run.message ? { message: run.message } : {}),
    hasWebUrl,
    raw: run.raw,
  };
}

/** The events of one chunk share their Date: format it once, not once per event. */
let lastTime: { readonly date: Date; readonly text: string } | undefined;
function eventTime(date: Date): string {
  if (lastTime?.date !== date) lastTime = { date, text: iso(date) ?? new Date().toISOString() };
  return lastTime.text;
}

export function eventView(seq: number, e: OutputEvent): EventView {
  const base = { seq, ...(e.id !== undefined ? { id: e.id } : {}), type: e.type, time: eventTime(e.time) };
  // Streamed text goes on as text: parsing and cloning every event of a long stream is the host's main cost.
  if (e.text !== undefined) return { ...base, text: e.text };
  return { ...base, data: e.data, ...(e.malformed ? { malformed: true } : {}) };
}

export function localEventView(seq: number, type: string, text: string): EventView {
  return { seq, type, time: new Date().toISOString(), data: text, local: true };
}

export function taskView(task: Task, depth: number): TaskView {
  const startedAt = iso(task.startedAt);
  const finishedAt = iso(task.finishedAt);
  return {
    id: task.id,
    name: task.name,
    status: task.state.status,
    rawStatus: task.state.raw,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    depth,
    ...(task.message ? { message: task.message } : {}),
  };
}

/** One line of an Export Output file (JSON lines). */
export function exportLine(e: EventView): string {
  const { data, malformed } = eventData(e);
  return JSON.stringify({ seq: e.seq, ...(e.id !== undefined ? { id: e.id } : {}), type: e.type, time: e.time, data, ...(malformed ? { malformed: true } : {}), ...(e.local ? { local: true } : {}) });
}
