import { capabilities, mapStatus, type Capabilities, type RunState, type RunStatus } from '../../core';

/**
 * LangGraph run status -> domain. A run that reaches `interrupt()` ends `success` (its thread becomes
 * interrupted); a run is `interrupted` only when it was cancelled while pending, so that reads canceled.
 */
export const LG_RUN_STATUS: Readonly<Record<string, RunStatus>> = {
  pending: 'queued',
  running: 'running',
  success: 'succeeded',
  error: 'failed',
  timeout: 'timed-out',
  interrupted: 'canceled',
};

/** Thread status -> domain: idle = nothing running and nothing asked (shown as done). */
export const LG_THREAD_STATUS: Readonly<Record<string, RunStatus>> = {
  idle: 'succeeded',
  busy: 'running',
  interrupted: 'needs-input',
  error: 'failed',
};

export function lgRunState(raw: string | undefined): RunState {
  return mapStatus(raw, LG_RUN_STATUS);
}

export function lgThreadState(raw: string | undefined): RunState {
  return mapStatus(raw, LG_THREAD_STATUS);
}

/** Raw run statuses a domain filter stands for (thread run lists take one `status`). */
export function lgRunStatusesFor(statuses: readonly RunStatus[]): string[] {
  return Object.keys(LG_RUN_STATUS).filter((raw) => statuses.includes(LG_RUN_STATUS[raw]));
}

/** Raw thread statuses a domain filter stands for (thread search takes one `status`). */
export function lgThreadStatusesFor(statuses: readonly RunStatus[]): string[] {
  return Object.keys(LG_THREAD_STATUS).filter((raw) => statuses.includes(LG_THREAD_STATUS[raw]));
}

export function isActiveRun(raw: string): boolean {
  return raw === 'pending' || raw === 'running';
}

/**
 * A LangGraph run's actions: cancel/wait while active, delete once stopped, stream always (a join
 * replays a resumable run). Resume belongs to the thread: offered on stopped runs of an interrupted thread.
 */
export function lgCapabilities(raw: string, threadStatus: string | undefined): Capabilities {
  const active = isActiveRun(raw);
  return capabilities({
    cancel: active,
    delete: !active,
    resume: !active && threadStatus === 'interrupted',
    stream: true,
    wait: active,
  });
}
