import { capabilities, mapStatus, type Capabilities, type RunState, type RunStatus } from '../../core';

/**
 * Agent Protocol RunStatus -> domain. The spec's `pending` means "not finished" (there is no running),
 * so it counts as running; `running` is what LangGraph-based servers add.
 */
export const AP_RUN_STATUS: Readonly<Record<string, RunStatus>> = {
  pending: 'running',
  running: 'running',
  interrupted: 'needs-input',
  success: 'succeeded',
  error: 'failed',
  timeout: 'timed-out',
};

/** ThreadStatus -> domain: an idle thread has nothing running and nothing asked (shown as done). */
export const AP_THREAD_STATUS: Readonly<Record<string, RunStatus>> = {
  idle: 'succeeded',
  busy: 'running',
  interrupted: 'needs-input',
  error: 'failed',
};

export function apRunState(raw: string | undefined): RunState {
  return mapStatus(raw, AP_RUN_STATUS);
}

export function apThreadState(raw: string | undefined): RunState {
  return mapStatus(raw, AP_THREAD_STATUS);
}

/** The spec statuses a domain status filter stands for (the search takes one). */
export function apStatusesFor(statuses: readonly RunStatus[]): string[] {
  return ['pending', 'interrupted', 'success', 'error', 'timeout'].filter((raw) => statuses.includes(AP_RUN_STATUS[raw]));
}

/** Thread statuses a domain status filter stands for. */
export function apThreadStatusesFor(statuses: readonly RunStatus[]): string[] {
  return Object.keys(AP_THREAD_STATUS).filter((raw) => statuses.includes(AP_THREAD_STATUS[raw]));
}

/** What the server is known to lack (learned at run time); unknown counts as present. */
export interface ServerAbilities {
  readonly cancel: boolean;
  readonly resume: boolean;
}

export function apCapabilities(state: RunState, server: ServerAbilities): Capabilities {
  const active = state.status === 'running' || state.status === 'queued';
  const interrupted = state.status === 'needs-input';
  return capabilities({
    cancel: server.cancel && (active || interrupted),
    // The spec asks to cancel a pending run before deleting it.
    delete: !active,
    resume: server.resume && interrupted,
    stream: true,
    wait: active,
  });
}
