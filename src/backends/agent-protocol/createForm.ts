// Create Run for the Agent Protocol as a JSON schema: the spec's RunCreate + stream_mode (RunStream), agent_id
// one of the server's agents with each agent's `input_schema` (GET /agents/{id}/schemas), and `run_mode`,
// which Runs Explorer reads and does not send: background (POST /runs), stream (POST /runs/stream) or
// wait (POST /runs/wait).
import { embeddable, idSchema, JSON_SCHEMA_2020, sampleFor, when, type JsonSchema } from '../../core';

export const RUN_MODES = ['background', 'stream', 'wait'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const AP_STREAM_MODES = ['values', 'messages', 'updates', 'custom'] as const;

export const RUN_MODE_LABELS: Readonly<Record<RunMode, string>> = {
  background: 'POST /runs: created at once, the panel then joins its output',
  stream: 'POST /runs/stream: the panel shows the stream of the create request',
  wait: 'POST /runs/wait: the panel opens when the run has ended',
};

export interface ApAgentInfo {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  /** The agent's input schema, when the server publishes one. */
  readonly inputSchema?: unknown;
  readonly configSchema?: unknown;
}

const STREAM_MODE = { enum: [...AP_STREAM_MODES] };

/** `agentsListed`: the server answered the agent search (then agent_id is required and restricted). */
export function apCreateSchema(agents: readonly ApAgentInfo[], agentsListed: boolean): JsonSchema {
  const perAgent: JsonSchema[] = [];
  for (const a of agents) {
    const properties: JsonSchema = {};
    const input = embeddable(a.inputSchema, `agent-protocol:${a.id}:input`);
    const config = embeddable(a.configSchema, `agent-protocol:${a.id}:config`);
    if (input) properties['input'] = input;
    if (config) properties['config'] = config;
    if (Object.keys(properties).length) perAgent.push(when('agent_id', a.id, { properties }));
  }
  return {
    $schema: JSON_SCHEMA_2020,
    title: 'Agent Protocol RunStream',
    type: 'object',
    ...(agentsListed && agents.length ? { required: ['agent_id'] } : {}),
    properties: {
      agent_id: agentsListed ? idSchema(agents.map((a) => a.id), 'The agent to run (one of the server\'s agents)') : { type: 'string', minLength: 1 },
      thread_id: { type: 'string', format: 'uuid', description: 'A thread to run on (optional: left out, the run is stateless)' },
      input: { description: 'The input to the agent' },
      messages: { type: 'array', items: { type: 'object' } },
      metadata: { type: 'object' },
      config: {
        type: 'object',
        properties: { tags: { type: 'array', items: { type: 'string' } }, recursion_limit: { type: 'integer' }, configurable: { type: 'object' } },
      },
      webhook: { type: 'string', minLength: 1, maxLength: 65536, format: 'uri' },
      on_completion: { enum: ['delete', 'keep'] },
      on_disconnect: { enum: ['cancel', 'continue'] },
      if_not_exists: { enum: ['create', 'reject'] },
      stream_mode: { anyOf: [STREAM_MODE, { type: 'array', items: STREAM_MODE }], description: 'The stream mode(s)' },
      run_mode: { enum: [...RUN_MODES], description: 'Read by Runs Explorer, not sent: background (POST /runs), stream (POST /runs/stream) or wait (POST /runs/wait)' },
    },
    ...(perAgent.length ? { allOf: perAgent } : {}),
  };
}

export function apTemplate(agent: ApAgentInfo | undefined, runMode: RunMode, fallbackAgentId?: string): Record<string, unknown> {
  const agentId = agent?.id ?? fallbackAgentId;
  return {
    ...(agentId ? { agent_id: agentId } : {}),
    input: agent?.inputSchema ? sampleFor(agent.inputSchema, 'input') : {},
    metadata: {},
    stream_mode: ['values', 'updates', 'custom'],
    run_mode: runMode,
  };
}

export function isRunMode(v: unknown): v is RunMode {
  return typeof v === 'string' && (RUN_MODES as readonly string[]).includes(v);
}
