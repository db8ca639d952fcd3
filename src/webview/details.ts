// The Details tab: the run object as foldable JSON, and the run's tasks (KFP tasks, ICA attempts) as a
// table; a task's row opens its log.
import * as l10n from '@vscode/l10n';
import type { RunView, TaskView } from '../shared/protocol';
import { formatDuration, spanMs } from '../shared/time';
import { request } from './api';
import { button, clear, h } from './dom';
import { jsonTree } from './jsonTree';
import { statusLabel } from './l10n';

export class DetailsView {
  readonly element = h('section', { class: 'details', attrs: { 'aria-label': l10n.t('Details') } });
  private readonly runBox = h('div', { class: 'run-json' });
  private readonly tasksBox = h('div', { class: 'tasks' });
  private readonly logBox = h('div', { class: 'task-log', attrs: { 'aria-live': 'polite' } });
  private tasksRequested = false;
  private run: RunView | undefined;

  constructor() {
    this.element.append(this.tasksBox, this.logBox, h('h2', { text: l10n.t('Run object') }), this.runBox);
  }

  update(run: RunView): void {
    const first = !this.run;
    this.run = run;
    clear(this.runBox);
    this.runBox.append(jsonTree(run.raw, { openDepth: first ? 1 : 1 }));
    if (!run.capabilities.tasks && run.kind !== 'kfp' && run.kind !== 'ica') {
      this.tasksBox.hidden = true;
      this.logBox.hidden = true;
    } else {
      this.tasksBox.hidden = false;
      this.logBox.hidden = false;
    }
  }

  /** Called when the tab is shown: tasks are fetched on first view (and on Refresh). */
  shown(): void {
    if (!this.tasksRequested && this.run && !this.tasksBox.hidden) void this.loadTasks();
  }

  private async loadTasks(): Promise<void> {
    this.tasksRequested = true;
    clear(this.tasksBox);
    this.tasksBox.append(h('p', { class: 'muted', text: l10n.t('Loading tasks...') }));
    const r = await request({ type: 'loadTasks' });
    if (!r.ok) this.setTasks(undefined, r.error);
  }

  setTasks(tasks: readonly TaskView[] | undefined, error?: string, truncated?: boolean): void {
    clear(this.tasksBox);
    const attempts = this.run?.kind === 'ica';
    const title = attempts ? l10n.t('Attempts') : l10n.t('Tasks');
    this.tasksBox.append(h('div', { class: 'section-title' }, h('h2', { text: title }), button(l10n.t('Refresh'), 'refresh', () => void this.loadTasks(), { secondary: true, title: attempts ? l10n.t('Refresh the attempts') : l10n.t('Refresh the tasks') })));
    if (error) {
      this.tasksBox.append(h('p', { class: 'error-text', attrs: { role: 'alert' }, text: error }));
      return;
    }
    if (!tasks || tasks.length === 0) {
      this.tasksBox.append(h('p', { class: 'muted', text: attempts ? l10n.t('No attempts yet.') : l10n.t('No tasks yet.') }));
      return;
    }
    const table = h('table', { class: 'task-table' });
    table.append(h('thead', {}, h('tr', {}, ...[l10n.t('Name'), l10n.t('State'), l10n.t('Start'), l10n.t('End'), l10n.t('Duration')].map((c) => h('th', { text: c, attrs: { scope: 'col' } })))));
    const body = h('tbody');
    const now = Date.now();
    for (const t of tasks) {
      const name = h('td', { class: 'task-name' }, h('span', { class: 'indent', text: '  '.repeat(t.depth) }), t.name);
      const row = h('tr', { attrs: { tabindex: '0', role: 'button', 'aria-label': l10n.t('Show the log of {0}', t.name), 'data-task': t.id } }, name, h('td', { class: `status-${t.status}`, text: `${statusLabel(t.status)}${t.rawStatus && t.rawStatus !== statusLabel(t.status) ? ` (${t.rawStatus})` : ''}` }), h('td', { text: time(t.startedAt) }), h('td', { text: time(t.finishedAt) }), h('td', { text: formatDuration(spanMs(t.startedAt, t.finishedAt, now) ?? -1) }));
      row.title = t.message ?? '';
      const open = (): void => void this.showLog(t);
      row.addEventListener('click', open);
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      });
      body.append(row);
    }
    table.append(body);
    this.tasksBox.append(table);
    if (truncated) this.tasksBox.append(h('p', { class: 'muted', text: l10n.t('Only the first {0} tasks are shown.', 2000) }));
  }

  private async showLog(task: TaskView): Promise<void> {
    clear(this.logBox);
    this.logBox.append(h('h2', { text: l10n.t('Log: {0}', task.name) }), h('p', { class: 'muted', text: l10n.t('Loading...') }));
    const r = await request({ type: 'taskLog', taskId: task.id });
    clear(this.logBox);
    this.logBox.append(h('h2', { text: l10n.t('Log: {0}', task.name) }));
    if (!r.ok) this.logBox.append(h('p', { class: 'error-text', attrs: { role: 'alert' }, text: r.error }));
    else this.logBox.append(h('pre', { class: 'text log', attrs: { tabindex: '0', 'aria-label': l10n.t('Log of {0}', task.name) }, text: typeof r.result === 'string' && r.result ? r.result : l10n.t('(empty log)') }));
  }
}

function time(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}
