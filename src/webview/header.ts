// Header (name, copyable id, status badge normalized + raw, backend, times, live duration) and the
// action bar (only the actions the run allows now).
import type { PanelAction, RunView } from '../shared/protocol';
import { formatDuration, spanMs, STATUS_LABELS } from '../shared/time';
import { button, clear, h, icon } from './dom';

const STATUS_ICONS: Readonly<Record<string, string>> = {
  queued: 'clock',
  running: 'sync codicon-modifier-spin',
  'needs-input': 'bell-dot',
  succeeded: 'pass',
  failed: 'error',
  canceling: 'loading codicon-modifier-spin',
  canceled: 'circle-slash',
  paused: 'debug-pause',
  skipped: 'debug-step-over',
  'timed-out': 'watch',
  unknown: 'question',
};

export interface HeaderCallbacks {
  action(action: PanelAction): void;
  showResume(): void;
  exportOutput(): void;
}

const ACTIONS: ReadonlyArray<[PanelAction, string, string, (r: RunView) => boolean, boolean?]> = [
  ['cancel', 'Cancel', 'debug-stop', (r) => r.capabilities.cancel],
  ['retry', 'Retry', 'debug-rerun', (r) => r.capabilities.retry],
  ['wait', 'Wait', 'watch', (r) => r.capabilities.wait],
  ['archive', 'Archive', 'archive', (r) => r.capabilities.archive, true],
  ['unarchive', 'Unarchive', 'inbox', (r) => r.capabilities.unarchive, true],
  ['delete', 'Delete', 'trash', (r) => r.capabilities.delete, true],
  ['openInBrowser', 'Open in Browser', 'link-external', (r) => r.hasWebUrl, true],
];

export class Header {
  readonly element = h('header', { class: 'run-header' });
  private run: RunView | undefined;
  private durationEl: HTMLElement | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly callbacks: HeaderCallbacks) {}

  placeholder(runId: string, backendLabel: string): void {
    clear(this.element);
    this.element.append(h('h1', { class: 'run-name', text: runId }), h('div', { class: 'meta', text: `Loading from ${backendLabel}...` }));
  }

  update(run: RunView): void {
    this.run = run;
    clear(this.element);
    const label = STATUS_LABELS[run.status] ?? run.status;
    const badge = h('span', { class: `status-badge status-${run.status}`, attrs: { role: 'status', 'aria-label': `Status: ${label} (server: ${run.rawStatus || 'none'})` } }, icon(STATUS_ICONS[run.status] ?? 'question'), h('span', { text: label }), run.rawStatus && run.rawStatus !== label ? h('span', { class: 'raw-status', text: run.rawStatus }) : undefined);
    const idButton = h('button', { class: 'run-id', title: 'Copy run ID', attrs: { type: 'button', 'aria-label': `Copy run ID ${run.runId}` } }, h('code', { text: run.runId }), icon('copy'));
    idButton.addEventListener('click', () => this.callbacks.action('copyId'));
    const title = h('div', { class: 'title-line' }, h('h1', { class: 'run-name', text: run.name }), badge, run.archived ? h('span', { class: 'tag', text: 'archived' }) : undefined);
    const meta = h('dl', { class: 'meta' });
    const item = (k: string, v: Node | string | undefined): void => {
      if (v === undefined || v === '') return;
      meta.append(h('dt', { text: k }), h('dd', {}, v));
    };
    item('ID', idButton);
    if (run.threadId) item('Thread', h('code', { text: run.threadId }));
    item('Backend', `${run.backendLabel} (${run.kind})`);
    item('Created', fmt(run.createdAt));
    item('Started', fmt(run.startedAt));
    item('Finished', fmt(run.finishedAt));
    this.durationEl = h('span', { class: 'duration' });
    item('Duration', this.durationEl);
    this.tick();
    const actions = h('div', { class: 'actions', attrs: { role: 'toolbar', 'aria-label': 'Run actions' } });
    for (const [action, text, ic, allowed, secondary] of ACTIONS) {
      if (allowed(run)) actions.append(button(text, ic, () => this.callbacks.action(action), { secondary, title: `${text} this run` }));
    }
    if (run.capabilities.resume || run.status === 'needs-input') actions.prepend(button('Resume...', 'debug-continue', () => this.callbacks.showResume(), { title: 'Answer the interrupt and resume the run' }));
    actions.append(button('Export Output...', 'save', () => this.callbacks.exportOutput(), { secondary: true, title: 'Export the output to a JSON-lines file' }));
    this.element.append(title, meta);
    if (run.message) this.element.append(h('p', { class: 'run-message', text: run.message }));
    this.element.append(actions);
    if (this.timer) clearInterval(this.timer);
    this.timer = run.finishedAt ? undefined : setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    if (!this.run || !this.durationEl) return;
    const ms = spanMs(this.run.startedAt ?? this.run.createdAt, this.run.finishedAt, Date.now());
    const live = !this.run.finishedAt && (this.run.status === 'running' || this.run.status === 'queued' || this.run.status === 'needs-input' || this.run.status === 'canceling');
    this.durationEl.textContent = ms === undefined || (!this.run.finishedAt && !live) ? '—' : `${formatDuration(ms)}${live ? ' (running)' : ''}`;
  }
}

function fmt(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
