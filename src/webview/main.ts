// Entry of the run panel's browser code. It talks to the extension only through src/shared/protocol.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import * as l10n from '@vscode/l10n';
import type { HostMessage, PanelAction, PanelState, PanelTarget, RunView } from '../shared/protocol';
import { handleReply, loadState, log, request, saveState, send } from './api';
import { CreateView } from './create';
import { DetailsView } from './details';
import { clear, h, icon } from './dom';
import { Header } from './header';
import { configureL10n } from './l10n';
import { OutputView } from './output';
import { ResumeView } from './resume';

type Tab = 'output' | 'details' | 'resume';

const app = document.getElementById('app') as HTMLElement;
const saved: Partial<PanelState> = loadState();

class RunPage {
  readonly header: Header;
  readonly output: OutputView;
  readonly details = new DetailsView();
  readonly resume: ResumeView;
  private readonly tabs = new Map<Tab, { tab: HTMLElement; panel: HTMLElement }>();
  private readonly status = h('div', { class: 'status-line', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly error = h('div', { class: 'banner error', attrs: { role: 'alert', hidden: '' } });
  private tab: Tab;
  private run: RunView | undefined;

  constructor(target: Extract<PanelTarget, { mode: 'run' }>, backendLabel: string, maxEvents: number) {
    this.header = new Header({
      action: (action) => void this.action(action),
      showResume: () => this.select('resume', true),
      exportOutput: () => void this.exportOutput(),
    });
    this.header.placeholder(target.runId, backendLabel);
    this.output = new OutputView(maxEvents, saved.follow ?? true, {
      onFollowChange: (follow) => saveState({ follow }),
      onStatus: (text) => this.setStatus(text),
      onReconnect: () => void this.action('reconnect'),
    });
    this.resume = new ResumeView(saved.draft, () => this.select('output', false));
    const tablist = h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': l10n.t('Run panel sections') } });
    const panels = h('div', { class: 'tab-panels' });
    const defs: Array<[Tab, string, string, HTMLElement]> = [
      ['output', l10n.t('Output'), 'output', this.output.element],
      ['details', l10n.t('Details'), 'info', this.details.element],
      ['resume', l10n.t('Resume'), 'debug-continue', this.resume.element],
    ];
    for (const [id, label, ic, content] of defs) {
      const tab = h('button', { class: 'tab', attrs: { role: 'tab', id: `tab-${id}`, 'aria-controls': `panel-${id}`, 'aria-selected': 'false', tabindex: '-1', type: 'button' } }, icon(ic), ` ${label}`);
      tab.addEventListener('click', () => this.select(id, true));
      tab.addEventListener('keydown', (e) => this.tabKey(e, id));
      const panel = h('div', { class: 'tab-panel', attrs: { role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, hidden: '' } }, content);
      tablist.append(tab);
      panels.append(panel);
      this.tabs.set(id, { tab, panel });
    }
    this.tabs.get('resume')!.tab.hidden = true;
    clear(app);
    app.append(h('div', { class: 'page' }, this.header.element, this.error, tablist, panels, this.status));
    this.tab = saved.tab === 'details' || saved.tab === 'resume' ? saved.tab : 'output';
    this.select(this.tab, false);
  }

  private visibleTabs(): Tab[] {
    return [...this.tabs.entries()].filter(([, t]) => !t.tab.hidden).map(([id]) => id);
  }

  private tabKey(e: KeyboardEvent, id: Tab): void {
    const list = this.visibleTabs();
    const i = list.indexOf(id);
    let next: Tab | undefined;
    if (e.key === 'ArrowRight') next = list[(i + 1) % list.length];
    else if (e.key === 'ArrowLeft') next = list[(i - 1 + list.length) % list.length];
    else if (e.key === 'Home') next = list[0];
    else if (e.key === 'End') next = list[list.length - 1];
    if (!next) return;
    e.preventDefault();
    this.select(next, false);
    this.tabs.get(next)?.tab.focus();
  }

  select(tab: Tab, focus: boolean): void {
    if (tab === 'resume' && this.tabs.get('resume')!.tab.hidden) tab = 'output';
    this.tab = tab;
    for (const [id, t] of this.tabs) {
      const on = id === tab;
      t.tab.setAttribute('aria-selected', String(on));
      t.tab.setAttribute('tabindex', on ? '0' : '-1');
      t.tab.classList.toggle('selected', on);
      t.panel.hidden = !on;
    }
    saveState({ tab });
    if (tab === 'details') this.details.shown();
    if (tab === 'output') this.output.schedule();
    if (focus && tab === 'resume') setTimeout(() => this.resume.focus(), 0);
  }

  setRun(run: RunView): void {
    this.run = run;
    this.header.update(run);
    this.details.update(run);
    this.error.hidden = true;
    document.title = run.name;
  }

  setInterrupt(has: boolean): void {
    const t = this.tabs.get('resume')!;
    const was = !t.tab.hidden;
    t.tab.hidden = !has;
    t.tab.classList.toggle('attention', has);
    if (has && !was) this.select('resume', false);
    else if (!has && this.tab === 'resume') this.select('output', false);
  }

  showError(text: string): void {
    this.error.hidden = false;
    this.error.textContent = text;
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  private async action(action: PanelAction): Promise<void> {
    const r = await request({ type: 'action', action });
    if (!r.ok) this.setStatus(r.error);
    else if (action === 'copyId' && this.run) this.setStatus(l10n.t('Copied {0}', this.run.runId));
  }

  private async exportOutput(): Promise<void> {
    const r = await request({ type: 'export' });
    if (!r.ok) this.setStatus(l10n.t('Export failed: {0}', r.error));
    else if (typeof r.result === 'string') this.setStatus(l10n.t('Exported to {0}', r.result));
  }
}

let page: RunPage | undefined;
let createView: CreateView | undefined;

function onMessage(message: HostMessage): void {
  if (handleReply(message)) return;
  switch (message.type) {
    case 'init': {
      // First: everything below (and every later view) shows its words in the host's language.
      configureL10n(message.l10n);
      if (message.mode === 'create') {
        const target: PanelTarget = { mode: 'create', backendId: message.backendId };
        saveState({ target, tab: 'create' });
        if (!createView) {
          clear(app);
          createView = new CreateView(message.backendLabel, message.hint, message.template, saved.draft, message.schema);
          app.append(h('div', { class: 'page create-page' }, createView.element));
          createView.focus();
        }
        return;
      }
      const target: PanelTarget = { mode: 'run', backendId: message.backendId, runId: message.runId, ...(message.threadId ? { threadId: message.threadId } : {}) };
      saveState({ target });
      if (!page) page = new RunPage(target, message.backendLabel, message.maxEvents);
      else page.output.setMax(message.maxEvents);
      return;
    }
    case 'run':
      page?.setRun(message.run);
      return;
    case 'events':
      page?.output.add(message.events, message.dropped, message.reset === true);
      return;
    case 'stream':
      page?.output.setStream(message.state, message.text);
      return;
    case 'interrupt':
      page?.resume.set(message.interrupt);
      page?.setInterrupt(message.interrupt !== undefined);
      return;
    case 'tasks':
      page?.details.setTasks(message.tasks, message.error, message.truncated);
      return;
    case 'error':
      if (page) page.showError(message.text);
      else {
        clear(app);
        app.append(h('div', { class: 'banner error', attrs: { role: 'alert' }, text: message.text }));
      }
      return;
    case 'focus':
      page?.select(message.section, true);
      return;
    default:
      log('warn', `unknown message from the extension: ${String((message as { type?: unknown }).type)}`);
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
  try {
    onMessage(message);
  } catch (e) {
    log('error', `handling ${message.type} failed: ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`);
  }
});
window.addEventListener('error', (e) => log('error', `webview error: ${e.message}`));

send({ type: 'ready' });
