// Wire types of ICA v1 task runs (TES) and console tokens, written from specs/ica (Swagger 2.0, camelCase).

/** `{code, message, details[]}` of every ICA error. */
export interface ErrorResponse {
  code?: string;
  message?: string;
  details?: unknown[];
}

export interface Credentials {
  [key: string]: string;
}

export interface Image {
  name: string;
  tag?: string;
  digest?: string;
  credentials?: Credentials;
}

export interface InputMountMappingWithCreds {
  storageProvider?: string;
  credentials?: Record<string, string>;
  path?: string;
  url?: string;
  urn?: string;
  mode?: string;
  type?: string;
}

export interface MountMappingWithCreds {
  path?: string;
  url?: string;
  urn?: string;
  type?: string;
  storageProvider?: string;
  credentials?: Record<string, string>;
  serviceUrl?: string;
}

export interface Resources {
  type?: string;
  size?: string;
  cpuCores?: number;
  memoryGb?: number;
  hardware?: string[];
  tier?: string;
}

export interface Environment {
  variables?: Record<string, string>;
  resources?: Resources;
  inputStreamSettings?: { accessPattern?: string; cacheSizeGb?: number; blockSizeMb?: number; prefetchBlocks?: number };
}

export interface Execution {
  image?: Image;
  command?: string;
  args?: string[];
  inputs?: InputMountMappingWithCreds[];
  outputs?: MountMappingWithCreds[];
  systemFiles?: { url?: string; urn?: string; storageProvider?: string; credentials?: Record<string, string> };
  environment?: Environment;
  workingDirectory?: string;
  retryLimit?: number;
  retryCount?: number;
}

export interface TaskVersionSummary {
  id?: string;
  href?: string;
  urn?: string;
  version?: string;
  description?: string;
  acl?: string[];
  tenantId?: string;
  subTenantId?: string;
  createdBy?: string;
  timeCreated?: string;
  modifiedBy?: string;
  timeModified?: string;
}

/** One attempt of a task run (stdout/stderr format unspecified by the spec). */
export interface TaskRunLogs {
  startTime?: string;
  endTime?: string;
  error?: string;
  errorDetails?: string;
  stdout?: string;
  stderr?: string;
}

/** What list calls return: no execution, no logs. */
export interface TaskRunSummary {
  id?: string;
  href?: string;
  urn?: string;
  name?: string;
  description?: string;
  /** Free text; "Pending" by default (see status.ts). */
  status?: string;
  statusDetails?: string;
  typeOfResource?: string;
  sizeOfResource?: string;
  tierOfResource?: string;
  taskVersionSummary?: TaskVersionSummary;
  acl?: string[];
  tenantId?: string;
  subTenantId?: string;
  createdBy?: string;
  timeCreated?: string;
  modifiedBy?: string;
  timeModified?: string;
}

export interface TaskRun extends TaskRunSummary {
  execution?: Execution;
  logs?: TaskRunLogs[];
  executionRawJson?: string;
}

export interface TaskRunSummaryPagedItems {
  items?: TaskRunSummary[];
  itemCount?: number;
  firstPageToken?: string;
  nextPageToken?: string;
  /** The parameter docs say "previousPageToken"; the field is prevPageToken. */
  prevPageToken?: string;
  lastPageToken?: string;
  totalItemCount?: number;
  totalPageCount?: number;
}

export interface CreateTaskRunRequest {
  name?: string;
  description?: string;
  acl?: string[];
  execution?: Execution;
}

export interface LaunchTaskRequest {
  name?: string;
  description?: string;
  arguments?: Record<string, string>;
  acl?: string[];
}

export interface ContainerStatus {
  name?: string;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: string };
    terminated?: { exitCode?: number; signal?: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; containerID?: string };
  };
}

/** Runner-side: the UI never sends it on its own. */
export interface HeartbeatTaskRunRequest {
  lastHeartbeat?: boolean;
  podName?: string;
  podUID?: string;
  podHardwareDetails?: string;
  jobRetryCount?: number;
  nonce?: string;
  containerStatus?: ContainerStatus[];
}

export interface TaskRunHeartbeat {
  jwt?: string;
}

/** Console `POST /v1/tokens` reply. */
export interface TokenResponse {
  access_token?: string;
  token_type?: string;
}

export interface ListTaskRunsParams {
  /** "timeCreated desc"; fields name, status, timeCreated, timeModified. */
  sort?: string;
  names?: string;
  status?: string;
  versions?: string;
  acls?: string;
  /** 1 to 1000, server default 10. */
  pageSize?: number;
  pageToken?: string;
}
