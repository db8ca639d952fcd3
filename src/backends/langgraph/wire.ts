// Wire types of the LangGraph Platform API (langgraph-api 2.0.0 and `langgraph dev`; the SDK's schema.d.ts
// and the server's zod schemas). Only what Runs Explorer reads or sends; servers add fields freely.

/** `running` is LangGraph's own (not in the Agent Protocol enum). */
export type LgRunStatus = 'pending' | 'running' | 'error' | 'success' | 'timeout' | 'interrupted';
export type LgThreadStatus = 'idle' | 'busy' | 'interrupted' | 'error';
export type LgStreamMode = 'values' | 'messages' | 'messages-tuple' | 'updates' | 'events' | 'debug' | 'custom' | 'tasks' | 'checkpoints';
export type CancelAction = 'interrupt' | 'rollback';
export type MultitaskStrategy = 'reject' | 'interrupt' | 'rollback' | 'enqueue';

export interface Interrupt {
  id?: string;
  value?: unknown;
  [extra: string]: unknown;
}

export interface Thread {
  thread_id: string;
  created_at: string;
  updated_at: string;
  metadata?: Record<string, unknown>;
  status?: string;
  values?: unknown;
  /** Task id -> the interrupts it raised (set while the thread is interrupted). */
  interrupts?: Record<string, Interrupt[]>;
  error?: unknown;
  [extra: string]: unknown;
}

export interface ThreadTask {
  id: string;
  name: string;
  error?: string | null;
  interrupts?: Interrupt[];
  [extra: string]: unknown;
}

export interface ThreadState {
  values: unknown;
  /** Nodes to run next; non-empty while interrupted. */
  next: string[];
  tasks?: ThreadTask[];
  checkpoint?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  created_at?: string | null;
  [extra: string]: unknown;
}

export interface ThreadSearchRequest {
  metadata?: Record<string, unknown>;
  values?: Record<string, unknown>;
  ids?: string[];
  status?: LgThreadStatus;
  limit?: number;
  offset?: number;
  sort_by?: 'thread_id' | 'status' | 'created_at' | 'updated_at';
  sort_order?: 'asc' | 'desc';
  select?: string[];
}

export interface ThreadCreate {
  thread_id?: string;
  metadata?: Record<string, unknown>;
  if_exists?: 'raise' | 'do_nothing';
}

export interface Run {
  run_id: string;
  thread_id: string;
  assistant_id?: string;
  created_at?: string;
  updated_at?: string;
  status: string;
  metadata?: Record<string, unknown>;
  multitask_strategy?: MultitaskStrategy | null;
  kwargs?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface Command {
  resume?: unknown;
  update?: Record<string, unknown> | [string, unknown][];
  goto?: string | string[];
}

export interface RunCreate {
  assistant_id: string;
  input?: unknown;
  command?: Command;
  metadata?: Record<string, unknown>;
  config?: Record<string, unknown>;
  context?: unknown;
  stream_mode?: LgStreamMode | LgStreamMode[];
  stream_resumable?: boolean;
  on_disconnect?: 'cancel' | 'continue';
  multitask_strategy?: MultitaskStrategy;
  if_not_exists?: 'create' | 'reject';
  after_seconds?: number;
  interrupt_before?: '*' | string[];
  interrupt_after?: '*' | string[];
  webhook?: string;
}

export interface ThreadRunsQuery {
  limit?: number;
  offset?: number;
  status?: LgRunStatus;
}

export interface CancelOptions {
  wait?: boolean;
  action?: CancelAction;
}

export interface Assistant {
  assistant_id: string;
  graph_id: string;
  name?: string;
  description?: string | null;
  config?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  version?: number;
  created_at?: string;
  updated_at?: string;
  [extra: string]: unknown;
}

export interface AssistantSearchRequest {
  graph_id?: string;
  name?: string;
  metadata?: Record<string, unknown>;
  limit?: number;
  offset?: number;
  sort_by?: 'assistant_id' | 'graph_id' | 'created_at' | 'updated_at' | 'name';
  sort_order?: 'asc' | 'desc';
}

/** `GET /info`. */
export interface ServerInfo {
  version?: string;
  langgraph_js_version?: string;
  flags?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** Errors: zod validation (400) `{success: false, error: {issues}}`, or plain text ("Run not found"). */
export interface ZodErrorBody {
  success?: false;
  error?: { issues?: { message?: string; path?: (string | number)[] }[]; name?: string; message?: string };
}
