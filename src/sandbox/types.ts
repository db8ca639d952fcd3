/**
 * Public types of the sandbox: options, the handle returned by startSandbox, faults and the request log.
 * Kept free of implementation so that tests in other folders can import them cheaply.
 */

/** The four simulated server families; `agentProtocol` is the LangChain Agent Protocol. */
export type SandboxKind = 'kfp' | 'ica' | 'acp' | 'agentProtocol';
export const SANDBOX_KINDS: readonly SandboxKind[] = ['kfp', 'ica', 'acp', 'agentProtocol'];

export interface SandboxOptions {
  /** First port (kfp); ica, acp and agentProtocol take the next three. 0/undefined = OS-chosen free ports. */
  port?: number;
  /** PRNG seed of the generated data (default 1). Same seed, same runs. */
  seed?: number;
  /** Seeded runs per backend (default 36). Generation is cheap: 10000 is fine. */
  runs?: number;
  /** Clock multiplier (default 1): 10 makes a 60 s run finish in 6 s. */
  speed?: number;
  /** Behave like a released KFP: 404 on /apis/v2beta1/tasks, tasks only in run_details.task_details. */
  kfpWithoutTasksApi?: boolean;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Require `Authorization: Bearer <kfpToken>` on KFP (401 otherwise). Undefined = no auth. */
  kfpToken?: string;
  /** The X-API-Key that `POST /v1/tokens` accepts (default: derived from the seed). */
  icaApiKey?: string;
  /** Lifetime of the JWTs from `POST /v1/tokens`, in seconds (default 3600). */
  icaTokenTtlSeconds?: number;
  /** Require `x-api-key: <acpApiKey>` on ACP. */
  acpApiKey?: string;
  /** Require `x-api-key: <agentProtocolApiKey>` on Agent Protocol. */
  agentProtocolApiKey?: string;
  /** Put XSS-like strings into some names and outputs (for UI escaping tests). Default false. */
  hostile?: boolean;
  /** Simulated "now" at start, epoch ms (default Date.now()). */
  epochMs?: number;
}

/** Base URLs, each ending with '/'. A client appends the API paths (see src/sandbox/README.md). */
export interface SandboxUrls {
  kfp: string;
  ica: string;
  acp: string;
  agentProtocol: string;
}

/** What a matched request answers instead of (or on top of) its normal response. */
export interface FaultSpec {
  /** Answer this status; the body is the family's error shape unless `body` is given. */
  status?: number;
  /** Extra response headers (e.g. Retry-After), also applied on top of normal responses. */
  headers?: Record<string, string>;
  /** Raw body for a `status` fault. */
  body?: string;
  contentType?: string;
  /** Wait this long (real ms) before answering; combines with the other fields. */
  delayMs?: number;
  /** Never answer (until the client gives up or the sandbox closes). */
  hang?: true;
  /** An HTML error page (proxy/login page) with `status` (default 502). */
  html?: true;
  /** A truncated JSON body with `status` (default 200) and content-type application/json. */
  malformedJson?: true;
  /** Streams: destroy the connection after this many events. */
  dropStreamAfterEvents?: number;
  /** Streams: write half of event number (dropStreamAfterEvents ?? 1) + 1, then destroy the connection. */
  truncateStreamMidEvent?: true;
  /** Pad the JSON body so it is at least this many bytes (field `_sandbox_padding`). */
  bigBodyBytes?: number;
  /** Add unknown fields to the JSON objects of the body. */
  extraFields?: true;
  /** Remove well-known fields (status, state, names, times) from the JSON objects of the body. */
  missingFields?: true;
  /** Replace status/state values by a value no client knows. */
  unknownStatus?: true;
  /** Streams: send one event whose data is not JSON before the first real one. */
  nonJsonSseData?: true;
  /** Streams: send the headers and the first event, then nothing more (connection kept open). */
  stallStream?: true;
}

export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Regular expression (string) tested against the path (without query). */
  path?: string;
}

export interface FaultRule {
  match?: FaultMatch;
  /** How many matching requests get the fault (default 1). */
  count?: number;
  fault: FaultSpec;
}

export interface FaultRuleState extends FaultRule {
  id: string;
  kind: SandboxKind;
  remaining: number;
}

export interface FaultController {
  /** Adds a rule; returns its id. */
  add(kind: SandboxKind, rule: FaultRule): string;
  /** Removes all rules (of one kind, or all). */
  clear(kind?: SandboxKind): void;
  list(kind?: SandboxKind): FaultRuleState[];
}

export interface RequestLogEntry {
  kind: SandboxKind;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Real time, epoch ms. */
  time: number;
  /** Whether an Authorization or x-api-key header was sent (the values are never logged). */
  hasAuth: boolean;
  /** Request headers; secrets replaced by "[redacted]". */
  headers: Record<string, string>;
  /** Response status, once answered. */
  status?: number;
  /** The fault applied, if any. */
  fault?: FaultSpec;
  /** True when the client closed the connection before the response ended (e.g. left a stream). */
  clientDisconnected?: boolean;
}

export interface RequestLog {
  list(kind?: SandboxKind): RequestLogEntry[];
  /** Requests of `kind` whose method (if given) and path regex (if given) match. */
  count(kind: SandboxKind, method?: string, pathRegex?: string | RegExp): number;
  /** How many responses the clients abandoned (streams left, requests aborted). */
  disconnects(kind?: SandboxKind): number;
  clear(kind?: SandboxKind): void;
}

export interface SandboxClock {
  /** Moves the simulated clock forward (runs progress, waiting streams wake up). */
  advance(ms: number): void;
  /** Simulated now, epoch ms. */
  now(): number;
}

export interface Sandbox {
  urls: SandboxUrls;
  /** The X-API-Key that ICA's `POST /v1/tokens` accepts. */
  icaApiKey: string;
  /** KFP bearer token required; undefined = no auth on KFP. */
  kfpToken?: string;
  acpApiKey?: string;
  agentProtocolApiKey?: string;
  close(): Promise<void>;
  faults: FaultController;
  requests: RequestLog;
  clock: SandboxClock;
}
