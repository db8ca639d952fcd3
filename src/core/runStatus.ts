/** The statuses every kind is mapped to; the raw server string is always kept beside it. */
export const RUN_STATUSES = [
  'queued',
  'running',
  'needs-input',
  'succeeded',
  'failed',
  'canceling',
  'canceled',
  'paused',
  'skipped',
  'timed-out',
  'unknown',
] as const;

export type RunStatus = (typeof RUN_STATUSES)[number];

/** A normalized status plus the exact string the server sent (shown in tooltips and the panel). */
export interface RunState {
  readonly status: RunStatus;
  readonly raw: string;
}

const TERMINAL: ReadonlySet<RunStatus> = new Set<RunStatus>(['succeeded', 'failed', 'canceled', 'skipped', 'timed-out']);
/** Statuses of runs that still need watching (status bar, auto refresh). */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'needs-input', 'canceling'];
const ACTIVE: ReadonlySet<RunStatus> = new Set<RunStatus>(ACTIVE_STATUSES);

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL.has(status);
}

/** Active runs are what the status bar counts and what keeps auto-refresh going. */
export function isActive(status: RunStatus): boolean {
  return ACTIVE.has(status);
}

export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value);
}

/** Builds a RunState from a raw server string with a kind-specific table; unknown strings stay visible as raw. */
export function mapStatus(raw: string | undefined | null, table: Readonly<Record<string, RunStatus>>): RunState {
  const text = raw ?? '';
  const status = table[text] ?? table[text.toUpperCase()] ?? table[text.toLowerCase()] ?? 'unknown';
  return { status, raw: text };
}
