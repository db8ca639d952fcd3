import { capabilities, isTerminal, mapStatus, type Capabilities, type RunState, type RunStatus } from '../../core';

/** RuntimeState of runs (and of run_details tasks). */
export const RUN_STATE_TABLE: Readonly<Record<string, RunStatus>> = {
  RUNTIME_STATE_UNSPECIFIED: 'unknown',
  PENDING: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  SKIPPED: 'skipped',
  FAILED: 'failed',
  CANCELING: 'canceling',
  CANCELED: 'canceled',
  PAUSED: 'paused',
};

/** PipelineTask states of the tasks API; CACHED is a reused result, shown like SKIPPED ("e.g. cached"). */
export const TASK_STATE_TABLE: Readonly<Record<string, RunStatus>> = {
  ...RUN_STATE_TABLE,
  CACHED: 'skipped',
};

export function runState(raw: string | undefined): RunState {
  return mapStatus(raw, RUN_STATE_TABLE);
}

export function taskState(raw: string | undefined): RunState {
  return mapStatus(raw, TASK_STATE_TABLE);
}

/** Raw run states for a normalized filter (for the `state IN (...)` predicate). */
export function rawRunStates(statuses: readonly RunStatus[]): string[] {
  return Object.entries(RUN_STATE_TABLE)
    .filter(([raw, s]) => statuses.includes(s) && raw !== 'RUNTIME_STATE_UNSPECIFIED')
    .map(([raw]) => raw);
}

/**
 * What a KFP run allows: terminate while it is active or paused, retry after failure or termination
 * (`:retry` "re-initiates a failed or terminated run"), archive/unarchive by storage state, and delete only
 * once archived, as the KFP UI does (archive before delete).
 */
export function runCapabilities(state: RunState, archived: boolean): Capabilities {
  const s = state.status;
  return capabilities({
    cancel: s === 'queued' || s === 'running' || s === 'paused',
    retry: s === 'failed' || s === 'canceled',
    archive: !archived,
    unarchive: archived,
    delete: archived,
    wait: !isTerminal(s),
    logs: true,
    tasks: true,
  });
}
