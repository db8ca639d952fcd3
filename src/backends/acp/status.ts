import { capabilities, mapStatus, type Capabilities, type RunState, type RunStatus } from '../../core';
import type { AcpRunStatus } from './wire';

/** ACP v0.1 RunStatus -> domain. `pending` covers queued, running and resumed; there is no cancelled. */
export const ACP_STATUS: Readonly<Record<AcpRunStatus, RunStatus>> = {
  pending: 'running',
  interrupted: 'needs-input',
  success: 'succeeded',
  error: 'failed',
  timeout: 'timed-out',
};

export function acpState(raw: string | undefined): RunState {
  return mapStatus(raw, ACP_STATUS);
}

/** The raw statuses a domain status filter stands for (ACP search takes one status). */
export function acpStatusesFor(statuses: readonly RunStatus[]): AcpRunStatus[] {
  return (Object.keys(ACP_STATUS) as AcpRunStatus[]).filter((raw) => statuses.includes(ACP_STATUS[raw]));
}

/**
 * What an ACP run allows in a state. v0.1 has no cancel: `DELETE /runs/{id}` cancels a running run and
 * deletes it, so it is offered as Delete (in every state), never disguised as Cancel.
 */
export function acpCapabilities(state: RunState): Capabilities {
  const pending = state.raw === 'pending';
  return capabilities({
    delete: true,
    resume: state.raw === 'interrupted',
    stream: true,
    wait: pending,
  });
}
