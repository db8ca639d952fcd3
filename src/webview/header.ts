// Header (name, copyable id, status badge normalized + raw, backend, times, live duration) and the
// action bar (only the actions the run allows now).
import * as l10n from '@vscode/l10n';
import type { PanelAction, RunView } from '../shared/protocol';
import { formatDuration, spanMs } from '../shared/time';
import { button, clear, h, icon } from './dom';
import { statusLabel } from './l10n';

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

/** The action buttons: action, label, tooltip, icon, shown when, secondary (a function: translated when shown). */
const actionButtons = (): ReadonlyArray<[PanelAction, string, string, string, (r: RunView) => boolean, boolean?]> => [
  ['cancel', l10n.t('Cancel'), l10n.t('Cancel this run'), 'debug-stop', (r) => r.capabilities.cancel],
  ['retry', l10n.t('Retry'), l10n.t('Retry this run'), 'debug-rerun', (r) => r.capabilities.retry],
  ['wait', l10n.t('Wait'), l10n.t('Wait this run'), 'watch', (r) => r.capabilities.wait],
  ['archive', l10n.t('Archive'), l10n.t('Archive this run'), 'archive', (r) => r.capabilities.archive, true],
  ['unarchive', l10n.t('Unarchive'), l10n.t('Unarchive this run'), 'inbox', (r) => r.capabilities.unarchive, true],
  ['delete', l10n.t('Delete'), l10n.t('Delete this run'), 'trash', (r) => r.capabilities.delete, true],
  ['openInBrowser', l10n.t('Open in Browser'), l10n.t('Open in Browser this run'), 'link-external', (r) => r.hasWebUrl, true],
];

export class Header {
  readonly element = h('header', { class: 'run-header' });
  private run: RunView | undefined;
  private durationEl: HTMLElement | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly callbacks: HeaderCallbacks) {}

  placeholder(runId: string, backendLabel: string): void {
    clear(this.element);
    this.element.append(h('h1', { class: 'run-name', text: runId }), h('div', { class: 'meta', text: l10n.t('Loading from {0}...', backendLabel) }));
  }

  update(run: RunView): void {
    this.run = run;
    clear(this.element);
    const label = statusLabel(run.status);
    const badge = h('span', { class: `status-badge status-${run.status}`, attrs: { role: 'status', 'aria-label': run.rawStatus ? l10n.t('Status: {0} (server: {1})', label, run.rawStatus) : l10n.t('Status: {0} (server: none)', label) } }, icon(STATUS_ICONS[run.status] ?? 'question'), h('span', { text: label }), run.rawStatus && run.rawStatus !== label ? h('span', { class: 'raw-status', text: run.rawStatus }) : undefined);
    const idButton = h('button', { class: 'run-id', title: l10n.t('Copy run ID'), attrs: { type: 'button', 'aria-label': l10n.t('Copy run ID {0}', run.runId) } }, h('code', { text: run.runId }), icon('copy'));
    idButton.addEventListener('click', () => this.callbacks.action('copyId'));
    const title = h('div', { class: 'title-line' }, h('h1', { class: 'run-name', text: run.name }), badge, run.archived ? h('span', { class: 'tag', text: l10n.t('archived') }) : undefined);
    const meta = h('dl', { class: 'meta' });
    const item = (k: string, v: Node | string | undefined): void => {
      if (v === undefined || v === '') return;
      meta.append(h('dt', { text: k }), h('dd', {}, v));
    };
    item(l10n.t('ID'), idButton);
    if (run.threadId) item(l10n.t('Thread'), h('code', { text: run.threadId }));
    item(l10n.t('Backend'), `${run.backendLabel} (${run.kind})`);
    item(l10n.t('Created'), fmt(run.createdAt));
    item(l10n.t('Started'), fmt(run.startedAt));
    item(l10n.t('Finished'), fmt(run.finishedAt));
    this.durationEl = h('span', { class: 'duration' });
    item(l10n.t('Duration'), this.durationEl);
    this.tick();
    const actions = h('div', { class: 'actions', attrs: { role: 'toolbar', 'aria-label': l10n.t('Run actions') } });
    for (const [action, text, tooltip, ic, allowed, secondary] of actionButtons()) {
      if (allowed(run)) actions.append(button(text, ic, () => this.callbacks.action(action), { secondary, title: tooltip }));
    }
    if (run.capabilities.resume || run.status === 'needs-input') actions.prepend(button(l10n.t('Resume...'), 'debug-continue', () => this.callbacks.showResume(), { title: l10n.t('Answer the interrupt and resume the run') }));
    actions.append(button(l10n.t('Export Output...'), 'save', () => this.callbacks.exportOutput(), { secondary: true, title: l10n.t('Export the output to a JSON-lines file') }));
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
    this.durationEl.textContent = ms === undefined || (!this.run.finishedAt && !live) ? '—' : live ? l10n.t('{0} (running)', formatDuration(ms)) : formatDuration(ms);
  }
}

function fmt(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
