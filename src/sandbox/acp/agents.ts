/** ACP agents: fixed UUIDs (tests may hard-code them) with ACP descriptors and JSON schemas. */
import type { Behaviour } from '../common/agentSim';
import { approver, flakyTool, researchAssistant } from '../common/behaviours';

export type Json = Record<string, unknown>;

export interface AcpAgent {
  id: string;
  name: string;
  version: string;
  behaviour: Behaviour;
  interrupts: boolean;
  /** The run input schema (validated on POST /runs). */
  input: Json;
}

const TOPIC_INPUT: Json = {
  type: 'object',
  description: 'Agent input',
  properties: { topic: { type: 'string', minLength: 1, description: 'What to work on' } },
  additionalProperties: true,
};

export const ACP_AGENTS: readonly AcpAgent[] = [
  { id: '3f9a1c52-6b1e-4c0d-9a57-0c1e5b7d2a01', name: 'research-assistant', version: '1.4.0', behaviour: researchAssistant, interrupts: false, input: TOPIC_INPUT },
  { id: '7d2e4b18-9c3a-4f6e-8b21-5a0d9e3c7f02', name: 'echo-approver', version: '0.3.1', behaviour: approver, interrupts: true, input: TOPIC_INPUT },
  { id: 'b5c8e9a0-2d4f-4a1b-9e73-6f1a2b3c4d03', name: 'flaky-summarizer', version: '0.9.0', behaviour: flakyTool, interrupts: false, input: TOPIC_INPUT },
];

/** Resume payload of the `approval` interrupt: {approved, comment?}; interrupt_type is the optional discriminator. */
export const APPROVAL_RESUME_SCHEMA: Json = {
  type: 'object',
  title: 'Approval',
  required: ['approved'],
  properties: {
    interrupt_type: { const: 'approval' },
    approved: { type: 'boolean', description: 'Send the email?' },
    comment: { type: 'string', description: 'Optional note for the log' },
  },
  additionalProperties: false,
};

export const APPROVAL_INTERRUPT_SCHEMA: Json = {
  type: 'object',
  title: 'Approval request',
  required: ['interrupt_type', 'question', 'draft'],
  properties: {
    interrupt_type: { const: 'approval' },
    question: { type: 'string' },
    draft: { type: 'string' },
    recipients: { type: 'array', items: { type: 'string' } },
  },
};

export const CONFIG_SCHEMA: Json = {
  type: 'object',
  properties: { model: { type: 'string', default: 'gpt-4o-mini' }, temperature: { type: 'number', minimum: 0, maximum: 2 } },
  additionalProperties: false,
};

export function agentJson(a: AcpAgent): Json {
  return { agent_id: a.id, metadata: metadata(a) };
}

function metadata(a: AcpAgent): Json {
  return { ref: { name: a.name, version: a.version, url: `https://agents.example.org/${a.name}` }, description: a.behaviour.description };
}

export function descriptor(a: AcpAgent): Json {
  const specs: Json = {
    capabilities: { threads: false, interrupts: a.interrupts, callbacks: false, streaming: { result: true, custom: true } },
    input: a.input,
    output: { type: 'object', description: 'The final values of the run', additionalProperties: true },
    custom_streaming_update: { type: 'object', properties: { stage: { type: 'string' }, progress: { type: 'number', minimum: 0, maximum: 1 } } },
    config: CONFIG_SCHEMA,
  };
  if (a.interrupts) specs.interrupts = [{ interrupt_type: 'approval', interrupt_payload: APPROVAL_INTERRUPT_SCHEMA, resume_payload: APPROVAL_RESUME_SCHEMA }];
  return { metadata: metadata(a), specs };
}
