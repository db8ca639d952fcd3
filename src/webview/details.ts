// The Details tab: the run object as foldable JSON, and the run's tasks (KFP tasks, ICA attempts) as a
// table; a task's row opens its log.
import type { RunView, TaskView } from '../shared/protocol';
import { formatDuration, spanMs, STATUS_LABELS } from '../shared/time';
import { request } from './api';
import { button, clear, h } from './dom';
import { jsonTree } from './jsonTree';

export class DetailsView {
  readonly element = h('section', { class: 'details', attrs: { 'aria-label': 'Details' } });
  private readonly runBox = h('div', { class: 'run-json' });
  private readonly tasksBox = h('div', { class: 'tasks' });
  private readonly logBox = h('div', { class: 'task-log', attrs: { 'aria-live': 'polite' } });
  private tasksRequested = false;
  private run: RunView | undefined;

  constructor() {
    this.element.append(this.tasksBox, this.logBox, h('h2', { text: 'Run object' }), this.runBox);
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
    this.tasksBox.append(h('p', { class: 'muted', text: 'Loading tasks...' }));
    const r = await request({ type: 'loadTasks' });
    if (!r.ok) this.setTasks(undefined, r.error);
  }

  setTasks(tasks: readonly TaskView[] | undefined, error?: string, truncated?: boolean): void {
    clear(this.tasksBox);
    const title = this.run?.kind === 'ica' ? 'Attempts' : 'Tasks';
    this.tasksBox.append(h('div', { class: 'section-title' }, h('h2', { text: title }), button('Refresh', 'refresh', () => void this.loadTasks(), { secondary: true, title: `Refresh the ${title.toLowerCase()}` })));
    if (error) {
      this.tasksBox.append(h('p', { class: 'error-text', attrs: { role: 'alert' }, text: error }));
      return;
    }
    if (!tasks || tasks.length === 0) {
      this.tasksBox.append(h('p', { class: 'muted', text: `No ${title.toLowerCase()} yet.` }));
      return;
    }
    const table = h('table', { class: 'task-table' });
    table.append(h('thead', {}, h('tr', {}, ...['Name', 'State', 'Start', 'End', 'Duration'].map((c) => h('th', { text: c, attrs: { scope: 'col' } })))));
    const body = h('tbody');
    const now = Date.now();
    for (const t of tasks) {
      const name = h('td', { class: 'task-name' }, h('span', { class: 'indent', text: '  '.repeat(t.depth) }), t.name);
      const row = h('tr', { attrs: { tabindex: '0', role: 'button', 'aria-label': `Show the log of ${t.name}`, 'data-task': t.id } }, name, h('td', { class: `status-${t.status}`, text: `${STATUS_LABELS[t.status] ?? t.status}${t.rawStatus && t.rawStatus !== STATUS_LABELS[t.status] ? ` (${t.rawStatus})` : ''}` }), h('td', { text: time(t.startedAt) }), h('td', { text: time(t.finishedAt) }), h('td', { text: formatDuration(spanMs(t.startedAt, t.finishedAt, now) ?? -1) }));
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
    if (truncated) this.tasksBox.append(h('p', { class: 'muted', text: 'Only the first 2000 tasks are shown.' }));
  }

  private async showLog(task: TaskView): Promise<void> {
    clear(this.logBox);
    this.logBox.append(h('h2', { text: `Log: ${task.name}` }), h('p', { class: 'muted', text: 'Loading...' }));
    const r = await request({ type: 'taskLog', taskId: task.id });
    clear(this.logBox);
    this.logBox.append(h('h2', { text: `Log: ${task.name}` }));
    if (!r.ok) this.logBox.append(h('p', { class: 'error-text', attrs: { role: 'alert' }, text: r.error }));
    else this.logBox.append(h('pre', { class: 'text log', attrs: { tabindex: '0', 'aria-label': `Log of ${task.name}` }, text: typeof r.result === 'string' && r.result ? r.result : '(empty log)' }));
  }
}

function time(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}
