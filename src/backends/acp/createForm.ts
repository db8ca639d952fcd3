// Create Run for ACP v0.1 as a JSON schema: the spec's RunCreate (additional fields refused), agent_id one
// of the server's agents, and per agent the descriptor's `specs.input` / `specs.config` schemas and the
// streaming modes its capabilities declare.
import { embeddable, idSchema, JSON_SCHEMA_2020, sampleFor, when, type JsonSchema } from '../../core';
import type { AcpStreamingMode, AgentACPDescriptor } from './wire';

export interface AcpAgentInfo {
  readonly id: string;
  readonly name?: string;
  /** Undefined when the server published none (nothing more is checked for that agent). */
  readonly descriptor?: AgentACPDescriptor;
}

const UUID = { type: 'string', format: 'uuid' };

/** The streaming modes an agent's descriptor declares. */
export function streamingModes(descriptor: AgentACPDescriptor | undefined): AcpStreamingMode[] {
  const s = descriptor?.specs?.capabilities?.streaming;
  return [...(s?.custom ? (['custom'] as const) : []), ...(s?.result ? (['result'] as const) : [])];
}

export function acpCreateSchema(agents: readonly AcpAgentInfo[]): JsonSchema {
  const perAgent: JsonSchema[] = [];
  for (const a of agents) {
    const specs = a.descriptor?.specs;
    if (!specs) continue;
    const properties: JsonSchema = {};
    const input = embeddable(specs.input, `acp:${a.id}:input`);
    const config = embeddable(specs.config, `acp:${a.id}:config`);
    if (input) properties['input'] = input;
    if (config) properties['config'] = config;
    const modes = streamingModes(a.descriptor);
    properties['streaming'] = modes.length ? { enum: modes, description: `Streaming modes of ${a.name ?? a.id}` } : { not: {}, description: `${a.name ?? a.id} does not stream: leave "streaming" out` };
    perAgent.push(when('agent_id', a.id, { properties }));
  }
  return {
    $schema: JSON_SCHEMA_2020,
    title: 'ACP RunCreate',
    type: 'object',
    required: ['agent_id'],
    properties: {
      agent_id: idSchema(
        agents.map((a) => a.id),
        'The agent to run (one of the server\'s agents)',
      ),
      thread_id: { ...UUID, description: 'A thread of an agent that supports threads' },
      input: { type: 'object', description: 'The agent\'s input (its descriptor\'s specs.input schema)' },
      config: { type: 'object', description: 'The agent\'s config (its descriptor\'s specs.config schema)' },
      metadata: { type: 'object' },
      webhook: { type: 'string', format: 'uri' },
      streaming: { enum: ['result', 'custom'], description: 'Set it to follow the run\'s output live' },
    },
    additionalProperties: false,
    ...(perAgent.length ? { allOf: perAgent } : {}),
  };
}

/** The body to start with for one agent: inputs and config from its schemas, the richest streaming mode it has. */
export function acpTemplate(agent: AcpAgentInfo | undefined): Record<string, unknown> {
  if (!agent) return { agent_id: '', input: {} };
  const specs = agent.descriptor?.specs;
  const [mode] = streamingModes(agent.descriptor);
  return {
    agent_id: agent.id,
    input: sampleFor(specs?.input, 'input'),
    ...(specs?.config ? { config: sampleFor(specs.config, 'config') } : {}),
    ...(mode ? { streaming: mode } : {}),
  };
}
