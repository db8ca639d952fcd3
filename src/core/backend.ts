import type { Experiment, InterruptInfo, OutputBatch, Run, RunRef, Task } from './model';
import type { ListOptions, Page } from './paging';
import type { BackendProfile } from './profile';
import type { RunState } from './runStatus';

/** Kinds of nodes a backend shows under itself in the tree. */
export type NodeType = 'group' | 'experiment' | 'thread' | 'agent' | 'run' | 'task' | 'attempt';

/** A tree node as a backend describes it; the UI turns it into a TreeItem. */
export interface BackendNode {
  readonly type: NodeType;
  /** Stable within the backend (e.g. `exp:123`, `run:abc`), so selection and expansion survive refreshes. */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly expandable: boolean;
  /** Set for `run` nodes. */
  readonly run?: Run;
  readonly task?: Task;
  readonly experiment?: Experiment;
  /** Status of threads, tasks and attempts (runs carry theirs in `run`). */
  readonly state?: RunState;
  /** Codicon id for groups and other non-run nodes. */
  readonly icon?: string;
  /** Kind-specific data the backend needs to list this node's children; opaque to the UI. */
  readonly scope?: Readonly<Record<string, string>>;
}

export type RunAction = 'cancel' | 'retry' | 'archive' | 'unarchive' | 'delete';

export interface ActionOptions {
  /** Agent Protocol / LangGraph cancel: interrupt (keep) or rollback (discard). */
  readonly cancelMode?: 'interrupt' | 'rollback';
  readonly signal?: AbortSignal;
}

export interface StreamOptions {
  readonly signal: AbortSignal;
  /** Resume after this event id where the server supports Last-Event-ID. */
  readonly lastEventId?: string;
}

/** Input of Create Run: free JSON validated by the kind (see `createRunTemplate`). */
export interface CreateRunRequest {
  readonly body: unknown;
  readonly signal?: AbortSignal;
}

/** One answer offered for a Create Run choice. */
export interface CreateRunOption {
  /** The value the body gets ('' = leave the field out, e.g. "new thread"). */
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/** Something the user picks before the Create Run editor opens (agent, assistant, experiment, run mode). */
export interface CreateRunChoice {
  /** The top-level body field the answer fills (e.g. `agent_id`, `run_mode`). */
  readonly key: string;
  readonly title: string;
  readonly options: readonly CreateRunOption[];
}

/**
 * Create Run as a form: a JSON schema of the body (checked in the webview before anything is sent, and
 * again in the extension before `createRun`), the body to start with, and the choices to offer first.
 */
export interface CreateRunForm {
  /** JSON Schema (2020-12) of the whole body; built from the server's lists and the kind's spec. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The body to start with, with the given picks applied. */
  readonly template: unknown;
  /** What to ask before the editor opens; empty when there is nothing to pick. */
  readonly choices: readonly CreateRunChoice[];
}

export interface CreateRunFormOptions {
  /** Answers to `choices` by key (from an earlier call); they prefill the template. */
  readonly picks?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface ConnectionInfo {
  /** e.g. "KFP 2.5 at https://host: 42 runs" */
  readonly summary: string;
}

/** Everything the UI can do with a backend. The UI never sees a wire type or builds a request. */
export interface Backend {
  readonly profile: BackendProfile;
  /** Children of the backend root (`parent` undefined) or of a node, one page at a time. */
  listChildren(parent: BackendNode | undefined, options: ListOptions): Promise<Page<BackendNode>>;
  getRun(ref: RunRef, signal?: AbortSignal): Promise<Run>;
  perform(ref: RunRef, action: RunAction, options?: ActionOptions): Promise<void>;
  /**
   * Live output in batches (events that arrived together, never empty); ends when the run ends or the
   * signal aborts. Gaps are reported as events of type `gap`.
   */
  streamOutput(ref: RunRef, options: StreamOptions): AsyncIterable<OutputBatch>;
  /** What an interrupted run waits for, or undefined when it is not interrupted. */
  getInterrupt(ref: RunRef, signal?: AbortSignal): Promise<InterruptInfo | undefined>;
  /** Sends the resume value; returns the run to follow (LangGraph resumes as a new run). */
  resume(ref: RunRef, value: unknown, signal?: AbortSignal): Promise<RunRef>;
  waitForRun(ref: RunRef, signal?: AbortSignal): Promise<Run>;
  createRun(request: CreateRunRequest): Promise<RunRef>;
  /** A JSON body to prefill Create Run with. */
  createRunTemplate(signal?: AbortSignal): Promise<unknown>;
  /** Schema, template and choices of Create Run (optional: without it the body is checked by the server only). */
  createRunForm?(options?: CreateRunFormOptions): Promise<CreateRunForm>;
  /** Text log of a run or one of its tasks, or a BackendError('unsupported') saying why there is none. */
  getLog(ref: RunRef, taskId?: string, signal?: AbortSignal): Promise<string>;
  testConnection(signal?: AbortSignal): Promise<ConnectionInfo>;
  /**
   * The runs that are active now (queued, running, waiting for input, canceling), newest first, in a
   * request or two: what the status bar shows before any list is opened. Optional: kinds without a
   * cheap server-side status filter leave it out.
   */
  listActiveRuns?(signal?: AbortSignal): Promise<readonly Run[]>;
  /** Page of the run in the system's own web UI, when known. */
  webUrl(ref: RunRef): string | undefined;
  dispose(): void;
}
