// Wire types of AGNTCY Agent Connect Protocol v0.1 (specs/acp/openapi.v0.1.acp-spec-ae7a9bd.yaml).
// Fields the spec marks required are required here; everything a server may omit is optional.

export type AcpRunStatus = 'pending' | 'error' | 'success' | 'timeout' | 'interrupted';
export type AcpStreamingMode = 'result' | 'custom';

/** An OpenAPI schema object as agents publish them (opaque to the client). */
export type JsonSchema = Record<string, unknown>;

export interface AgentRef {
  name: string;
  version: string;
  url?: string;
}

export interface AgentMetadata {
  ref: AgentRef;
  description: string;
}

export interface Agent {
  agent_id: string;
  metadata: AgentMetadata;
}

export interface AgentSearchRequest {
  name?: string;
  version?: string;
  /** 1..1000, default 10. */
  limit?: number;
  offset?: number;
}

export interface InterruptSpec {
  interrupt_type: string;
  interrupt_payload: JsonSchema;
  resume_payload: JsonSchema;
}

export interface AgentACPSpec {
  capabilities: {
    threads?: boolean;
    interrupts?: boolean;
    callbacks?: boolean;
    streaming?: { result?: boolean; custom?: boolean };
  };
  input: JsonSchema;
  output: JsonSchema;
  config: JsonSchema;
  custom_streaming_update?: JsonSchema;
  thread_state?: JsonSchema;
  interrupts?: InterruptSpec[];
}

export interface AgentACPDescriptor {
  metadata: AgentMetadata;
  specs: AgentACPSpec;
}

export interface RunCreate {
  agent_id: string;
  thread_id?: string;
  input?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  config?: Record<string, unknown>;
  webhook?: string;
  /** Required later for `GET /runs/{id}/stream`. */
  streaming?: AcpStreamingMode;
}

export interface Run {
  creation: RunCreate;
  run_id: string;
  agent_id: string;
  thread_id?: string;
  created_at: string;
  updated_at: string;
  status: AcpRunStatus;
}

export interface RunSearchRequest {
  agent_id?: string;
  status?: AcpRunStatus;
  metadata?: Record<string, unknown>;
  /** 1..1000, default 10. */
  limit?: number;
  offset?: number;
}

export interface RunResult {
  type: 'result';
  run_id: string;
  status: AcpRunStatus;
  result: Record<string, unknown>;
}

/**
 * The schema wraps the agent's payload in `interrupt` (discriminated by `interrupt_type`); the README's
 * example puts `interrupt_type`/`interrupt_payload` beside `type`, so both spellings are read.
 */
export interface RunInterrupt {
  type: 'interrupt';
  interrupt: Record<string, unknown>;
  interrupt_type?: string;
  interrupt_payload?: unknown;
}

export interface RunError {
  type: 'error';
  run_id: string;
  errcode: number;
  description: string;
}

export type RunOutput = RunResult | RunInterrupt | RunError;

export interface CustomRunResultUpdate {
  type: 'custom';
  run_id: string;
  status: AcpRunStatus;
  update: Record<string, unknown>;
}

/** Data of one `agent_event` SSE event. */
export type RunOutputStreamData = RunResult | CustomRunResultUpdate;

/** ACP errors are a bare JSON string (ErrorResponse). */
export type ErrorResponse = string;
