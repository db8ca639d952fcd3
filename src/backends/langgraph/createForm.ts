// Create Run for LangGraph as a JSON schema (RunCreate of POST /threads/{thread_id}/runs): assistant_id one of
// the server's assistants (their ids and graph ids), thread_id optional (left out: a new thread), input.
import { idSchema, JSON_SCHEMA_2020, type JsonSchema } from '../../core';
import type { Assistant, LgStreamMode, Thread } from './wire';

export const LG_STREAM_MODES: readonly LgStreamMode[] = ['values', 'messages', 'messages-tuple', 'updates', 'events', 'debug', 'custom', 'tasks', 'checkpoints'];
const STREAM_MODE = { enum: [...LG_STREAM_MODES] };
const NODES = { anyOf: [{ const: '*' }, { type: 'array', items: { type: 'string' } }] };

export function lgCreateSchema(assistants: readonly Assistant[], listed: boolean): JsonSchema {
  return {
    $schema: JSON_SCHEMA_2020,
    title: 'LangGraph RunCreate',
    type: 'object',
    required: ['assistant_id'],
    properties: {
      assistant_id: listed ? idSchema(assistants.flatMap((a) => [a.assistant_id, a.graph_id]), 'An assistant id or a graph id of this server') : { type: 'string', minLength: 1 },
      thread_id: { type: 'string', format: 'uuid', description: 'An existing thread (left out: a new thread is created for the run)' },
      input: { description: 'The graph\'s input' },
      command: { type: 'object', properties: { resume: {}, update: {}, goto: {} } },
      metadata: { type: 'object' },
      config: { type: 'object' },
      context: {},
      stream_mode: { anyOf: [STREAM_MODE, { type: 'array', items: STREAM_MODE }] },
      stream_resumable: { type: 'boolean' },
      on_disconnect: { enum: ['cancel', 'continue'] },
      multitask_strategy: { enum: ['reject', 'interrupt', 'rollback', 'enqueue'] },
      if_not_exists: { enum: ['create', 'reject'] },
      after_seconds: { type: 'number', minimum: 0 },
      interrupt_before: NODES,
      interrupt_after: NODES,
      webhook: { type: 'string', format: 'uri' },
    },
  };
}

export function assistantLabel(a: Assistant): string {
  return a.name && a.name !== a.graph_id ? `${a.name} (${a.graph_id})` : a.graph_id;
}

export function threadLabel(t: Thread): string {
  return `${t.thread_id}${t.status ? ` · ${t.status}` : ''}`;
}
