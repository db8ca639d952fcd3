// Wire types of LangChain Agent Protocol (specs/agent-protocol: main d9fd23d, plus GET /threads/{tid}/runs
// from e542994 and POST /runs/{id}/stream|wait from the unmerged PR #55). Servers add fields freely
// (LangGraph: assistant_id, kwargs, multitask_strategy, and the status `running`), so extra fields are allowed.

export type ApRunStatus = 'pending' | 'error' | 'success' | 'timeout' | 'interrupted';
export type ApThreadStatus = 'idle' | 'busy' | 'interrupted' | 'error';
export type StreamMode = 'values' | 'messages' | 'updates' | 'custom';

export interface Message {
  role: string;
  content: string | Record<string, unknown>[];
  id?: string;
  metadata?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface RunConfig {
  tags?: string[];
  recursion_limit?: number;
  configurable?: Record<string, unknown>;
}

export interface RunCreate {
  /** Omitted: a stateless run. */
  thread_id?: string;
  agent_id?: string;
  input?: unknown;
  messages?: Message[];
  metadata?: Record<string, unknown>;
  config?: RunConfig;
  webhook?: string;
  on_completion?: 'delete' | 'keep';
  on_disconnect?: 'cancel' | 'continue';
  if_not_exists?: 'create' | 'reject';
}

/** RunCreate plus stream modes (the body of `POST /runs`, `/runs/stream`, `/runs/wait`). */
export interface RunStream extends RunCreate {
  stream_mode?: StreamMode | StreamMode[];
}

export interface Run extends RunStream {
  run_id: string;
  created_at: string;
  updated_at: string;
  /** One of ApRunStatus on spec servers; open text because real servers add more (`running`). */
  status: string;
  metadata: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface RunSearchRequest {
  thread_id?: string;
  agent_id?: string;
  status?: ApRunStatus;
  metadata?: Record<string, unknown>;
  /** 1..1000, default 10. */
  limit?: number;
  offset?: number;
}

/** Query of `GET /threads/{tid}/runs` (e542994). */
export interface ThreadRunsQuery {
  limit?: number;
  offset?: number;
}

export interface RunWaitResponse {
  run?: Run;
  values?: Record<string, unknown>;
  messages?: Message[];
  [extra: string]: unknown;
}

/** `POST /runs/{id}/stream|wait` body (PR #55). */
export interface Command {
  update?: Record<string, unknown> | unknown[] | null;
  resume?: unknown;
  goto?: string | string[] | Record<string, unknown> | Record<string, unknown>[];
}

export interface RunUpdate {
  command: Command;
}

export type CancelAction = 'interrupt' | 'rollback';

export interface CancelOptions {
  wait?: boolean;
  action?: CancelAction;
}

export interface Thread {
  thread_id: string;
  created_at: string;
  updated_at: string;
  metadata: Record<string, unknown>;
  status: string;
  values?: Record<string, unknown>;
  messages?: Message[];
  [extra: string]: unknown;
}

export interface ThreadSearchRequest {
  metadata?: Record<string, unknown>;
  values?: Record<string, unknown>;
  status?: ApThreadStatus;
  limit?: number;
  offset?: number;
}

export interface Agent {
  agent_id: string;
  name: string;
  description?: string;
  metadata?: Record<string, unknown>;
  capabilities: Record<string, unknown>;
}

/** `GET /agents/{agent_id}/schemas` (the Agents stage): JSON schemas of the agent's input, output, state and config. */
export interface AgentSchemas {
  agent_id: string;
  input_schema: Record<string, unknown>;
  output_schema: Record<string, unknown>;
  state_schema?: Record<string, unknown>;
  config_schema?: Record<string, unknown>;
}

export interface AgentSearchRequest {
  name?: string;
  metadata?: Record<string, unknown>;
  limit?: number;
  offset?: number;
}

export interface ErrorResponse {
  code?: string;
  message?: string;
  metadata?: Record<string, unknown>;
}
