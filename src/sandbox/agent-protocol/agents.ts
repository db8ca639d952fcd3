/** Agent Protocol agents (string ids) and their schemas. `approver` interrupts and waits for a resume. */
import type { Behaviour } from '../common/agentSim';
import { approver, flakyTool, researchAssistant } from '../common/behaviours';

export type Json = Record<string, unknown>;

export interface ApAgent {
  id: string;
  behaviour: Behaviour;
}

export const AP_AGENTS: readonly ApAgent[] = [
  { id: 'research-assistant', behaviour: researchAssistant },
  { id: 'approver', behaviour: approver },
  { id: 'flaky-tool', behaviour: flakyTool },
];

export function agentJson(a: ApAgent): Json {
  return {
    agent_id: a.id,
    name: a.behaviour.name,
    description: a.behaviour.description,
    metadata: { owner: 'sandbox', interrupts: a.id === 'approver' },
    capabilities: { 'ap.io.messages': true, 'ap.io.streaming': true },
  };
}

export function agentSchemas(a: ApAgent): Json {
  return {
    agent_id: a.id,
    input_schema: { type: 'object', properties: { topic: { type: 'string' } } },
    output_schema: { type: 'object', additionalProperties: true },
    state_schema: { type: 'object', additionalProperties: true },
    config_schema: { type: 'object', properties: { configurable: { type: 'object' } } },
  };
}
