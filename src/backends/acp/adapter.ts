import { requiredId, type BackendNode, type InterruptInfo, type Run as CoreRun } from '../../core';
import { acpCapabilities, acpState } from './status';
import type { Agent, AgentACPDescriptor, Run, RunInterrupt, RunOutput } from './wire';

function date(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** A name for a run, which ACP does not have: `metadata.name` of the creation when set, else agent + id. */
export function runName(run: Run, agentName?: string): string {
  const named = run.creation?.metadata?.['name'];
  if (typeof named === 'string' && named.trim()) return named;
  return agentName ? `${agentName} ${shortId(run.run_id)}` : `run ${shortId(run.run_id)}`;
}

export function toRun(backendId: string, run: Run, agentName?: string): CoreRun {
  requiredId(run.run_id, 'run_id', 'The ACP server');
  const state = acpState(run.status);
  const finished = state.status !== 'running' && state.status !== 'needs-input' ? date(run.updated_at) : undefined;
  return {
    backendId,
    runId: run.run_id,
    ...(run.thread_id ? { threadId: run.thread_id } : {}),
    kind: 'acp',
    name: runName(run, agentName),
    state,
    createdAt: date(run.created_at),
    ...(finished ? { finishedAt: finished } : {}),
    capabilities: acpCapabilities(state),
    agentId: run.agent_id,
    raw: run,
  };
}

export function runNode(run: CoreRun): BackendNode {
  return { type: 'run', key: `run:${run.runId}`, label: run.name, expandable: false, run };
}

export function agentName(agent: Agent): string {
  return agent.metadata?.ref?.name || agent.agent_id;
}

export function agentNode(agent: Agent): BackendNode {
  const version = agent.metadata?.ref?.version;
  return {
    type: 'agent',
    key: `agent:${agent.agent_id}`,
    label: agentName(agent),
    ...(version ? { description: `v${version}` } : {}),
    expandable: true,
    icon: 'hubot',
    scope: { agentId: agent.agent_id },
  };
}

/** The interrupt type of an output, read from the schema's place (`interrupt.interrupt_type`) and the README's. */
export function interruptType(output: RunInterrupt): string | undefined {
  const inner = output.interrupt ?? {};
  for (const v of [inner['interrupt_type'], inner['interruput_type'], output.interrupt_type]) {
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/**
 * What an interrupted run waits for: the interrupt from `/output` and the resume schema the agent
 * descriptor declares for that interrupt type (the only one when the output names none).
 */
export function toInterrupt(output: RunOutput | undefined, descriptor: AgentACPDescriptor | undefined): InterruptInfo | undefined {
  if (!output || output.type !== 'interrupt') return undefined;
  const type = interruptType(output);
  const specs = descriptor?.specs?.interrupts ?? [];
  const spec = type ? specs.find((s) => s.interrupt_type === type) : specs.length === 1 ? specs[0] : undefined;
  const payload = output.interrupt ?? output.interrupt_payload ?? {};
  return {
    ...(type ?? spec?.interrupt_type ? { type: type ?? spec?.interrupt_type } : {}),
    payload,
    ...(spec?.resume_payload ? { resumeSchema: spec.resume_payload } : {}),
  };
}
