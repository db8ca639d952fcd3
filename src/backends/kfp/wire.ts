// Wire types of Kubeflow Pipelines v2beta1, written from specs/kfp (run, experiment and tasks-api swaggers).
// snake_case and int64-as-string as on the wire; every field optional because servers omit defaults.

export type RuntimeState =
  | 'RUNTIME_STATE_UNSPECIFIED' | 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'SKIPPED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'PAUSED';
export type StorageState = 'STORAGE_STATE_UNSPECIFIED' | 'AVAILABLE' | 'ARCHIVED';
/** PipelineTask states (tasks API): no PENDING or CANCELED there. */
export type TaskState = 'RUNTIME_STATE_UNSPECIFIED' | 'RUNNING' | 'SUCCEEDED' | 'SKIPPED' | 'FAILED' | 'CACHED';
export type TaskType = 'ROOT' | 'RUNTIME' | 'CONDITION_BRANCH' | 'CONDITION' | 'LOOP' | 'EXIT_HANDLER' | 'IMPORTER' | 'DAG';

/** googleRpcStatus: the error body of every route and the `error` of runs and tasks. */
export interface RpcStatus {
  code?: number;
  message?: string;
  details?: unknown[];
}

export interface RuntimeStatus {
  update_time?: string;
  state?: RuntimeState | string;
  error?: RpcStatus;
}

export interface PipelineVersionReference {
  pipeline_id?: string;
  pipeline_version_id?: string;
}

export interface RuntimeConfig {
  parameters?: Record<string, unknown>;
  pipeline_root?: string;
}

/** Task as carried in `run.run_details.task_details` (released KFP). */
export interface PipelineTaskDetail {
  run_id?: string;
  task_id?: string;
  display_name?: string;
  create_time?: string;
  start_time?: string;
  end_time?: string;
  executor_detail?: { main_job?: string; pre_caching_check_job?: string; failed_main_jobs?: string[]; failed_pre_caching_check_jobs?: string[] };
  state?: RuntimeState | string;
  execution_id?: string;
  error?: RpcStatus;
  inputs?: Record<string, { artifact_ids?: string[] }>;
  outputs?: Record<string, { artifact_ids?: string[] }>;
  parent_task_id?: string;
  state_history?: RuntimeStatus[];
  pod_name?: string;
  child_tasks?: Array<{ task_id?: string; pod_name?: string }>;
}

export interface RunDetails {
  pipeline_context_id?: string;
  pipeline_run_context_id?: string;
  task_details?: PipelineTaskDetail[];
}

export interface TaskPod {
  name?: string;
  uid?: string;
  type?: 'UNSPECIFIED' | 'DRIVER' | 'EXECUTOR' | string;
}

export interface TaskStatus {
  update_time?: string;
  state?: TaskState | string;
  error?: RpcStatus;
}

export interface IOProducer {
  task_name?: string;
  iteration?: string;
}

/** Task of the tasks API (`/apis/v2beta1/tasks`, tasks-api-42ff24e). */
export interface PipelineTask {
  name?: string;
  display_name?: string;
  task_id?: string;
  run_id?: string;
  pods?: TaskPod[];
  cache_fingerprint?: string;
  create_time?: string;
  end_time?: string;
  state?: TaskState | string;
  status_metadata?: { message?: string; custom_properties?: Record<string, unknown> };
  state_history?: TaskStatus[];
  type?: TaskType | string;
  type_attributes?: { iteration_index?: string; iteration_count?: string; download_to_workspace?: boolean };
  parent_task_id?: string;
  child_tasks?: Array<{ task_id?: string; name?: string }>;
  inputs?: TaskInputOutputs;
  outputs?: TaskInputOutputs;
  scope_path?: string;
}

export interface TaskInputOutputs {
  parameters?: Array<{ value?: unknown; type?: string; parameter_key?: string; producer?: IOProducer }>;
  artifacts?: Array<{ artifacts?: unknown[]; type?: string; artifact_key?: string; producer?: IOProducer }>;
}

export interface Run {
  experiment_id?: string;
  run_id?: string;
  display_name?: string;
  storage_state?: StorageState | string;
  description?: string;
  pipeline_version_id?: string;
  pipeline_spec?: Record<string, unknown>;
  pipeline_version_reference?: PipelineVersionReference;
  runtime_config?: RuntimeConfig;
  service_account?: string;
  created_at?: string;
  scheduled_at?: string;
  finished_at?: string;
  state?: RuntimeState | string;
  /** A retrieval error of a list call, not the run's failure. */
  error?: RpcStatus;
  run_details?: RunDetails;
  recurring_run_id?: string;
  state_history?: RuntimeStatus[];
  plugins_input?: Record<string, unknown>;
  plugins_output?: Record<string, unknown>;
  pipeline_reference?: PipelineVersionReference;
  /** Tasks API servers only. */
  task_count?: number;
  tasks?: PipelineTask[];
}

export interface ListRunsResponse {
  runs?: Run[];
  total_size?: number;
  next_page_token?: string;
}

export interface ListTasksResponse {
  tasks?: PipelineTask[];
  next_page_token?: string;
  total_size?: number;
}

export interface UpdateTasksBulkRequest {
  tasks: Record<string, PipelineTask>;
}

export interface UpdateTasksBulkResponse {
  tasks?: Record<string, PipelineTask>;
}

export interface Experiment {
  experiment_id?: string;
  display_name?: string;
  description?: string;
  created_at?: string;
  namespace?: string;
  storage_state?: StorageState | string;
  last_run_created_at?: string;
}

export interface ListExperimentsResponse {
  experiments?: Experiment[];
  total_size?: number;
  next_page_token?: string;
}

export type ViewMode = 'DEFAULT' | 'FULL';

/** filter.proto as JSON (url-encoded into `filter`). */
export type PredicateOperation =
  | 'EQUALS' | 'NOT_EQUALS' | 'GREATER_THAN' | 'GREATER_THAN_EQUALS' | 'LESS_THAN' | 'LESS_THAN_EQUALS' | 'IN' | 'IS_SUBSTRING';

export interface Predicate {
  operation: PredicateOperation;
  key: string;
  string_value?: string;
  int_value?: number;
  long_value?: string;
  timestamp_value?: string;
  string_values?: { values: string[] };
  int_values?: { values: number[] };
  long_values?: { values: string[] };
}

export interface Filter {
  predicates: Predicate[];
}
