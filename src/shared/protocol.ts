// Messages between the extension (src/ui/panel) and the run panel's webview (src/webview). Both sides
// import this module; nothing here may use vscode or Node APIs.
//
// Handshake: the webview posts `ready` when its script has run (again after every reload of the
// webview); the host answers with `init` and a snapshot (run, events, interrupt, tasks), then updates.
// Requests from the webview carry a `requestId`; the host answers each with exactly one `reply`.
// Everything from the webview is validated here (one validator per message type): the webview can ask
// only for actions on its own run; it never names a URL, a command or a backend.

export const RUN_STATUSES = ['queued', 'running', 'needs-input', 'succeeded', 'failed', 'canceling', 'canceled', 'paused', 'skipped', 'timed-out', 'unknown'] as const;
export type RunStatusName = (typeof RUN_STATUSES)[number];

export const CAPABILITY_NAMES = ['cancel', 'retry', 'archive', 'unarchive', 'delete', 'resume', 'stream', 'wait', 'logs', 'tasks'] as const;
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/** A run as the panel shows it (dates as ISO strings; `raw` is rendered as text only). */
export interface RunView {
  readonly backendId: string;
  readonly backendLabel: string;
  readonly kind: string;
  readonly runId: string;
  readonly threadId?: string;
  readonly name: string;
  readonly status: RunStatusName;
  readonly rawStatus: string;
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly capabilities: Readonly<Record<CapabilityName, boolean>>;
  readonly archived?: boolean;
  readonly message?: string;
  readonly hasWebUrl: boolean;
  readonly raw: unknown;
}

/** One output event; `seq` numbers every event the host received for this panel (stable across replays). */
export interface EventView {
  readonly seq: number;
  readonly id?: string;
  readonly type: string;
  readonly time: string;
  /** The event's data; absent when it is carried as `text` (read both through shared/eventText `eventData`). */
  readonly data?: unknown;
  /** The data as the server sent it (streamed events): parsed by the webview only for the rows it shows. */
  readonly text?: string;
  readonly malformed?: boolean;
  /** Written by the panel itself (stream ended, reconnected, resumed...), not by the server. */
  readonly local?: boolean;
}

export interface InterruptView {
  readonly type?: string;
  readonly payload: unknown;
  readonly resumeSchema?: unknown;
  /** JSON text to start the editor with (schema default/example, else the last value sent). */
  readonly prefill: string;
}

export interface TaskView {
  readonly id: string;
  readonly name: string;
  readonly status: RunStatusName;
  readonly rawStatus: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly depth: number;
  readonly message?: string;
}

export type StreamState = 'idle' | 'connecting' | 'live' | 'ended' | 'error' | 'stopped';

/** Actions the webview may ask for; each applies to the panel's own run only. */
export const PANEL_ACTIONS = ['cancel', 'retry', 'archive', 'unarchive', 'delete', 'wait', 'openInBrowser', 'copyId', 'reconnect'] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/**
 * Translations of the webview's strings: `vscode.l10n.bundle` of the host (English message -> translated
 * message, the format of l10n/bundle.l10n.<lang>.json), handed to `@vscode/l10n` in the webview.
 * Absent in English (VS Code has no bundle then).
 */
export type L10nBundle = Readonly<Record<string, string>>;

/** Largest bundle the webview accepts: entries, and characters of one translation. */
export const MAX_L10N_ENTRIES = 20_000;
const MAX_L10N_CHARS = 10_000;

/**
 * The translations of a bundle (string values only; anything else is skipped), or undefined when it is
 * not an object, is empty or too big: the webview then stays in English.
 */
export function parseL10nBundle(value: unknown): L10nBundle | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Fields);
  if (entries.length > MAX_L10N_ENTRIES) return undefined;
  // No prototype: a message such as "constructor" is looked up in the bundle only.
  const bundle = Object.create(null) as Record<string, string>;
  let n = 0;
  for (const [k, v] of entries) {
    if (typeof v === 'string' && v.length <= MAX_L10N_CHARS) {
      bundle[k] = v;
      n++;
    }
  }
  return n > 0 ? bundle : undefined;
}

/** The `l10n` field of an `init` message: the host's bundle when there is one (`...l10nField(vscode.l10n.bundle)`). */
export function l10nField(bundle: unknown): { readonly l10n?: L10nBundle } {
  const parsed = parseL10nBundle(bundle);
  return parsed ? { l10n: parsed } : {};
}

/** Extension -> webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly mode: 'run';
      readonly backendId: string;
      readonly runId: string;
      readonly threadId?: string;
      readonly backendLabel: string;
      readonly maxEvents: number;
      /** The webview's translations (absent in English): see L10nBundle. */
      readonly l10n?: L10nBundle;
    }
  | {
      readonly type: 'init';
      readonly mode: 'create';
      readonly backendId: string;
      readonly backendLabel: string;
      readonly kind: string;
      /** JSON text to start the editor with. */
      readonly template: string;
      readonly schema?: unknown;
      readonly hint: string;
      /** The webview's translations (absent in English): see L10nBundle. */
      readonly l10n?: L10nBundle;
    }
  | { readonly type: 'run'; readonly run: RunView }
  /** `reset`: replace what the webview holds (replay after a reload); `dropped`: total dropped so far. */
  | { readonly type: 'events'; readonly events: readonly EventView[]; readonly dropped: number; readonly reset?: boolean }
  | { readonly type: 'stream'; readonly state: StreamState; readonly text?: string }
  | { readonly type: 'interrupt'; readonly interrupt?: InterruptView }
  | { readonly type: 'tasks'; readonly tasks?: readonly TaskView[]; readonly error?: string; readonly truncated?: boolean }
  | { readonly type: 'error'; readonly text: string }
  | { readonly type: 'focus'; readonly section: 'resume' | 'output' | 'details' }
  | { readonly type: 'reply'; readonly requestId: string; readonly ok: true; readonly result?: unknown }
  | { readonly type: 'reply'; readonly requestId: string; readonly ok: false; readonly error: string; readonly rejected?: boolean };

/** Webview -> extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly text: string }
  | { readonly type: 'action'; readonly requestId: string; readonly action: PanelAction }
  | { readonly type: 'resume'; readonly requestId: string; readonly text: string }
  | { readonly type: 'create'; readonly requestId: string; readonly text: string }
  | { readonly type: 'export'; readonly requestId: string }
  | { readonly type: 'copy'; readonly requestId: string; readonly text: string }
  | { readonly type: 'taskLog'; readonly requestId: string; readonly taskId: string }
  | { readonly type: 'loadTasks'; readonly requestId: string };

export type WebviewMessageType = WebviewMessage['type'];

/** Largest JSON text the webview may send (a resume value or a run body). */
export const MAX_INPUT_CHARS = 1_000_000;
/** Largest text the webview may ask to copy. */
export const MAX_COPY_CHARS = 20_000_000;
const MAX_ID_CHARS = 256;

export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

type Fields = Readonly<Record<string, unknown>>;
type Validator<K extends WebviewMessageType> = (m: Fields) => Extract<WebviewMessage, { type: K }> | string;

const isRequestId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const onlyKeys = (m: Fields, keys: readonly string[]): string | undefined => {
  const extra = Object.keys(m).filter((k) => !keys.includes(k));
  return extra.length ? `unexpected field(s) ${extra.slice(0, 5).join(', ')}` : undefined;
};

/** One validator per message type: shape, field types, sizes; extra fields are refused. */
export const WEBVIEW_VALIDATORS: { readonly [K in WebviewMessageType]: Validator<K> } = {
  ready: (m) => onlyKeys(m, ['type']) ?? { type: 'ready' },
  log: (m) => {
    if (m.level !== 'info' && m.level !== 'warn' && m.level !== 'error') return 'level must be info, warn or error';
    if (typeof m.text !== 'string') return 'text must be a string';
    return onlyKeys(m, ['type', 'level', 'text']) ?? { type: 'log', level: m.level, text: m.text.slice(0, 2000) };
  },
  action: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    if (typeof m.action !== 'string' || !(PANEL_ACTIONS as readonly string[]).includes(m.action)) return `unknown action ${JSON.stringify(m.action)?.slice(0, 40)}`;
    return onlyKeys(m, ['type', 'requestId', 'action']) ?? { type: 'action', requestId: m.requestId, action: m.action as PanelAction };
  },
  resume: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    if (!isText(m.text, MAX_INPUT_CHARS)) return `text must be a string of at most ${MAX_INPUT_CHARS} characters`;
    return onlyKeys(m, ['type', 'requestId', 'text']) ?? { type: 'resume', requestId: m.requestId, text: m.text };
  },
  create: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    if (!isText(m.text, MAX_INPUT_CHARS)) return `text must be a string of at most ${MAX_INPUT_CHARS} characters`;
    return onlyKeys(m, ['type', 'requestId', 'text']) ?? { type: 'create', requestId: m.requestId, text: m.text };
  },
  export: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    return onlyKeys(m, ['type', 'requestId']) ?? { type: 'export', requestId: m.requestId };
  },
  copy: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    if (!isText(m.text, MAX_COPY_CHARS)) return 'text must be a string';
    return onlyKeys(m, ['type', 'requestId', 'text']) ?? { type: 'copy', requestId: m.requestId, text: m.text };
  },
  taskLog: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    if (!isText(m.taskId, MAX_ID_CHARS) || m.taskId === '') return 'taskId must be a non-empty string';
    return onlyKeys(m, ['type', 'requestId', 'taskId']) ?? { type: 'taskLog', requestId: m.requestId, taskId: m.taskId };
  },
  loadTasks: (m) => {
    if (!isRequestId(m.requestId)) return 'requestId must be a short id';
    return onlyKeys(m, ['type', 'requestId']) ?? { type: 'loadTasks', requestId: m.requestId };
  },
};

/** Validates a message that came from the webview; the reason of a refusal is for the log. */
export function parseWebviewMessage(value: unknown): ParseResult<WebviewMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const m = value as Fields;
  if (typeof m.type !== 'string') return { ok: false, reason: 'no type' };
  if (!Object.prototype.hasOwnProperty.call(WEBVIEW_VALIDATORS, m.type)) return { ok: false, reason: `unknown type ${JSON.stringify(m.type.slice(0, 40))}` };
  const validate = WEBVIEW_VALIDATORS[m.type as WebviewMessageType] as (m: Fields) => WebviewMessage | string;
  const r = validate(m);
  return typeof r === 'string' ? { ok: false, reason: `${m.type}: ${r}` } : { ok: true, message: r };
}

/** The request id of a message, when it has a valid one (to answer a refused request). */
export function requestIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Fields).requestId;
  return isRequestId(id) ? id : undefined;
}

// ---- Panel state (vscode.setState in the webview, handed to the serializer after a window reload) ----

/** What a panel is about; never holds secrets, URLs or server data. */
export type PanelTarget =
  | { readonly mode: 'run'; readonly backendId: string; readonly runId: string; readonly threadId?: string }
  | { readonly mode: 'create'; readonly backendId: string };

/** The webview's persisted state: the target plus the user's unsent drafts and view choices. */
export interface PanelState {
  readonly v: 1;
  readonly target: PanelTarget;
  readonly tab?: 'output' | 'details' | 'resume' | 'create';
  readonly follow?: boolean;
  /** Unsent JSON in the resume or create editor. */
  readonly draft?: string;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS;

/** Validates a target (from restored state): ids only, nothing else kept. */
export function parsePanelTarget(value: unknown): PanelTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Fields;
  if (!isId(t.backendId)) return undefined;
  if (t.mode === 'create') return { mode: 'create', backendId: t.backendId };
  if (t.mode !== 'run' || !isId(t.runId)) return undefined;
  if (t.threadId !== undefined && !isId(t.threadId)) return undefined;
  return { mode: 'run', backendId: t.backendId, runId: t.runId, ...(t.threadId ? { threadId: t.threadId } : {}) };
}

/** Reads the state a serializer gets back; anything unexpected is dropped. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Fields;
  const target = parsePanelTarget(s.target);
  if (s.v !== 1 || !target) return undefined;
  const tab = s.tab === 'output' || s.tab === 'details' || s.tab === 'resume' || s.tab === 'create' ? s.tab : undefined;
  return {
    v: 1,
    target,
    ...(tab ? { tab } : {}),
    ...(typeof s.follow === 'boolean' ? { follow: s.follow } : {}),
    ...(isText(s.draft, MAX_INPUT_CHARS) ? { draft: s.draft } : {}),
  };
}

/** The key of a panel: one panel per run (or per backend in create mode). */
export function targetKey(t: PanelTarget): string {
  return t.mode === 'create' ? `create\u0000${t.backendId}` : `run\u0000${t.backendId}\u0000${t.runId}`;
}
