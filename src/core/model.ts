import type { Capabilities } from './capabilities';
import type { BackendKind } from './profile';
import type { RunState } from './runStatus';

/** Identifies a run within one backend; `scope` carries what the kind needs besides the id (e.g. a thread id). */
export interface RunRef {
  readonly backendId: string;
  readonly runId: string;
  readonly threadId?: string;
}

/** A run in the domain model: the UI renders this and never a wire type. */
export interface Run extends RunRef {
  readonly kind: BackendKind;
  readonly name: string;
  readonly state: RunState;
  readonly createdAt?: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly capabilities: Capabilities;
  /** Grouping hints shown in the tree and tooltip. */
  readonly experimentId?: string;
  readonly agentId?: string;
  readonly archived?: boolean;
  /** Short failure or status text from the server. */
  readonly message?: string;
  /** The run object as the server sent it, for the panel's Details (rendered as text only). */
  readonly raw: unknown;
}

export interface Task {
  readonly id: string;
  readonly runId: string;
  readonly parentId?: string;
  readonly name: string;
  readonly state: RunState;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly podName?: string;
  readonly message?: string;
}

export interface Experiment {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly createdAt?: Date;
  readonly lastRunAt?: Date;
  readonly archived?: boolean;
}

/** One event of a run's output, whatever the transport (SSE, polled logs, task changes). */
export interface OutputEvent {
  /** Server event id when it has one (used for Last-Event-ID resume). */
  readonly id?: string;
  /** Event type as the server names it (`values`, `agent_event`, `stdout`, `task`...). */
  readonly type: string;
  readonly time: Date;
  /** Parsed JSON, or the text as received when it is not JSON. */
  readonly data: unknown;
  /** Set when the data line could not be parsed as JSON (kept as text, reported). */
  readonly malformed?: boolean;
  /**
   * The data as the server sent it, when it came as text (SSE). Such an event parses `data` on first
   * read, so text nobody inspects (most of a long stream) is passed on to the panel without being parsed.
   */
  readonly text?: string;
}

/** Events that arrived together (one network chunk); a stream hands them on as one item. */
export type OutputBatch = readonly OutputEvent[];

/** What an interrupted run is waiting for. */
export interface InterruptInfo {
  readonly type?: string;
  readonly payload: unknown;
  /** JSON schema the resume value must satisfy, when the server publishes one. */
  readonly resumeSchema?: unknown;
}
