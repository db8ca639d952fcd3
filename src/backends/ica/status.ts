import { capabilities, isTerminal, mapStatus, type Capabilities, type RunState, type RunStatus } from '../../core';

/**
 * ICA's status is free text (default "Pending"). Known values come from the spec's request types; keys are
 * lower case because mapStatus also tries the lower-cased string, so "Completed" and "COMPLETED" both match.
 */
export const STATUS_TABLE: Readonly<Record<string, RunStatus>> = {
  pending: 'queued',
  queued: 'queued',
  checkedout: 'queued',
  runnable: 'queued',
  running: 'running',
  finalizing: 'running',
  // A failed attempt that will be retried: the run is still going.
  failedrestartable: 'running',
  completed: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
  aborting: 'canceling',
  aborted: 'canceled',
  timedout: 'timed-out',
};

/** Raw values sent in the `status` list filter for each normalized status. */
const FILTER_VALUES: Readonly<Partial<Record<RunStatus, readonly string[]>>> = {
  queued: ['Pending', 'CheckedOut', 'Runnable'],
  running: ['Running', 'Finalizing', 'FailedRestartable'],
  succeeded: ['Completed'],
  failed: ['Failed'],
  canceling: ['Aborting'],
  canceled: ['Aborted'],
  'timed-out': ['TimedOut'],
};

export function icaState(raw: string | undefined): RunState {
  // The spec's default when a server omits the field.
  return mapStatus(raw ?? 'Pending', STATUS_TABLE);
}

export function rawStatuses(statuses: readonly RunStatus[]): string[] {
  return statuses.flatMap((s) => FILTER_VALUES[s] ?? []);
}

/** Abort is allowed only while "Pending" or "Running" (spec); ICA has no retry, archive or delete of runs. */
export function runCapabilities(state: RunState): Capabilities {
  const s = state.status;
  return capabilities({
    cancel: (s === 'queued' || s === 'running') && state.raw.toLowerCase() !== 'finalizing',
    wait: !isTerminal(state.status),
    logs: true,
  });
}
