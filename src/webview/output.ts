// The Output tab: events as they arrive, one DOM update per animation frame, virtualized (only the rows
// in view exist in the DOM), bounded by runsExplorer.output.maxEvents with a visible "dropped" notice.
import * as l10n from '@vscode/l10n';
import { EventBuffer } from '../shared/eventBuffer';
import { eventData } from '../shared/eventText';
import type { EventView, StreamState } from '../shared/protocol';
import { clockTime, previewText } from '../shared/time';
import { request } from './api';
import { button, clear, h, highlighted, icon } from './dom';
import { jsonTree } from './jsonTree';
import { droppedNotice, moreLines } from './l10n';

/** Height of a collapsed row in px (matches .row in panel.css). */
export const ROW_HEIGHT = 22;
const OVERSCAN = 12;

const searchText = new WeakMap<EventView, string>();
function textOf(e: EventView): string {
  let s = searchText.get(e);
  if (s === undefined) {
    let data: string;
    if (e.text !== undefined) data = e.text; // searched as sent: no parse needed
    else {
      try {
        data = typeof e.data === 'string' ? e.data : (JSON.stringify(e.data) ?? '');
      } catch {
        data = String(e.data);
      }
    }
    s = `${e.type}\n${data}`.toLowerCase();
    searchText.set(e, s);
  }
  return s;
}

function isNotice(e: EventView): boolean {
  return e.local === true || e.type === 'gap' || e.type === 'reconnect' || e.type === 'reconnected';
}

export interface OutputCallbacks {
  onFollowChange(follow: boolean): void;
  onStatus(text: string): void;
  onReconnect(): void;
}

export class OutputView {
  readonly element: HTMLElement;
  private readonly buffer: EventBuffer<EventView>;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly streamLine: HTMLElement;
  private readonly findInput: HTMLInputElement;
  private readonly findCount: HTMLElement;
  private readonly followBox: HTMLInputElement;
  private readonly empty: HTMLElement;
  private readonly countLabel = h('span', { class: 'count', attrs: { 'aria-live': 'off' } });
  private readonly rows = new Map<number, HTMLElement>();
  /** Expanded rows: seq -> extra height over a collapsed row (measured). */
  private readonly expanded = new Map<number, number>();
  private follow: boolean;
  private frame = 0;
  private programmaticScroll = false;
  private query = '';
  private matches: number[] = [];
  private current = -1;
  private findTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rendering count (for tests and the e2e "responsive" check). */
  renders = 0;

  constructor(maxEvents: number, follow: boolean, private readonly callbacks: OutputCallbacks) {
    this.buffer = new EventBuffer<EventView>(maxEvents);
    this.follow = follow;
    this.followBox = h('input', { attrs: { type: 'checkbox', id: 'follow-tail' } });
    this.followBox.checked = follow;
    this.followBox.addEventListener('change', () => this.setFollow(this.followBox.checked));
    this.findInput = h('input', { class: 'find', attrs: { type: 'search', placeholder: l10n.t('Find in output'), 'aria-label': l10n.t('Find in output'), id: 'find-output' } });
    this.findInput.addEventListener('input', () => {
      if (this.findTimer) clearTimeout(this.findTimer);
      this.findTimer = setTimeout(() => this.find(this.findInput.value), 150);
    });
    this.findInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (this.findTimer) {
          clearTimeout(this.findTimer);
          this.findTimer = undefined;
          this.find(this.findInput.value);
        }
        this.step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        this.findInput.value = '';
        this.find('');
      }
    });
    this.findCount = h('span', { class: 'find-count', attrs: { 'aria-live': 'polite' } });
    const toolbar = h(
      'div',
      { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': l10n.t('Output') } },
      h('label', { class: 'follow' }, this.followBox, ` ${l10n.t('Follow tail')}`),
      h('span', { class: 'find-box' }, icon('search'), this.findInput, this.findCount),
      iconButton('arrow-up', l10n.t('Previous match (Shift+Enter)'), () => this.step(-1)),
      iconButton('arrow-down', l10n.t('Next match (Enter)'), () => this.step(1)),
      h('span', { class: 'spacer' }),
      this.countLabel,
      button(l10n.t('Copy All'), 'copy', () => void this.copyAll(), { secondary: true, title: l10n.t('Copy all kept events as JSON lines') }),
      button(l10n.t('Export...'), 'save', () => void this.exportAll(), { secondary: true, title: l10n.t('Export Output to a JSON-lines file') }),
    );
    this.notice = h('div', { class: 'notice dropped', attrs: { role: 'status', hidden: '' } });
    this.streamLine = h('div', { class: 'stream-state', attrs: { role: 'status' } });
    this.spacer = h('div', { class: 'spacer-rows' });
    this.empty = h('div', { class: 'empty', text: l10n.t('No output yet.') });
    this.scroller = h('div', { class: 'output-scroll', attrs: { tabindex: '0', role: 'list', 'aria-label': l10n.t('Output events') } }, this.spacer, this.empty);
    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.element = h('section', { class: 'output', attrs: { 'aria-label': l10n.t('Output') } }, toolbar, this.streamLine, this.notice, this.scroller);
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  get length(): number {
    return this.buffer.length;
  }

  get dropped(): number {
    return this.buffer.dropped;
  }

  /** Rows currently in the DOM (stays small however many events there are). */
  get renderedRows(): number {
    return this.rows.size;
  }

  setMax(max: number): void {
    if (max !== this.buffer.max) this.buffer.resize(max);
  }

  /** Adds events from the host (`reset`: replace everything, after a webview reload or a replay). */
  add(events: readonly EventView[], dropped: number, reset: boolean): void {
    const firstBefore = this.buffer.firstSeq;
    // The host skipped events the bound drops anyway (a burst larger than maxEvents): this message holds
    // the newest maxEvents, so everything kept here goes; start again at its first event.
    if (!reset && events.length > 0 && events[0].seq > this.buffer.total) {
      reset = true;
      dropped = events[0].seq;
    }
    if (reset) {
      this.buffer.reset(dropped);
      this.expanded.clear();
      for (const el of this.rows.values()) el.remove();
      this.rows.clear();
    }
    this.buffer.pushAll(events);
    // The host dropped more than we did (its bound is the same; this keeps the notice honest).
    if (dropped > this.buffer.dropped && this.buffer.length === 0) this.buffer.reset(dropped);
    if (!reset && this.buffer.firstSeq > firstBefore) this.forgetBefore(this.buffer.firstSeq, firstBefore);
    if (this.query) this.refreshMatches(events);
    this.schedule();
  }

  private forgetBefore(firstSeq: number, firstBefore: number): void {
    let removedHeight = 0;
    for (const [seq, extra] of this.expanded) {
      if (seq < firstSeq) {
        removedHeight += extra;
        this.expanded.delete(seq);
      }
    }
    removedHeight += (firstSeq - firstBefore) * ROW_HEIGHT;
    for (const [seq, el] of this.rows) {
      if (seq < firstSeq) {
        el.remove();
        this.rows.delete(seq);
      }
    }
    // Keep what the user reads in place while older rows go away above it.
    if (!this.follow) this.scrollTo(Math.max(0, this.scroller.scrollTop - removedHeight));
  }

  setStream(state: StreamState, text?: string): void {
    clear(this.streamLine);
    const labels: Record<StreamState, [string, string]> = {
      idle: ['circle-outline', l10n.t('Not streaming')],
      connecting: ['loading codicon-modifier-spin', l10n.t('Connecting...')],
      live: ['broadcast', l10n.t('Live: events appear as they arrive')],
      ended: ['check', l10n.t('Stream ended')],
      error: ['warning', l10n.t('Stream error')],
      stopped: ['debug-stop', l10n.t('Stopped')],
    };
    const [ic, label] = labels[state];
    this.streamLine.className = `stream-state state-${state}`;
    this.streamLine.append(icon(ic), ' ', text ? l10n.t('{0}: {1}', label, text) : label);
    if (state === 'error' || state === 'ended' || state === 'stopped') {
      this.streamLine.append(' ', button(l10n.t('Reconnect'), 'refresh', () => this.callbacks.onReconnect(), { secondary: true, title: l10n.t('Follow the output again') }));
    }
  }

  setFollow(follow: boolean): void {
    this.follow = follow;
    this.followBox.checked = follow;
    this.callbacks.onFollowChange(follow);
    if (follow) this.schedule();
  }

  focusFind(): void {
    this.findInput.focus();
  }

  // ---- layout ----

  private sortedExpanded(): Array<[number, number]> {
    return [...this.expanded.entries()].sort((a, b) => a[0] - b[0]);
  }

  private offsetOf(index: number, expanded: Array<[number, number]>): number {
    const seq = this.buffer.firstSeq + index;
    let extra = 0;
    for (const [s, x] of expanded) {
      if (s >= seq) break;
      extra += x;
    }
    return index * ROW_HEIGHT + extra;
  }

  private totalHeight(expanded: Array<[number, number]>): number {
    let extra = 0;
    for (const [, x] of expanded) extra += x;
    return this.buffer.length * ROW_HEIGHT + extra;
  }

  private indexAt(y: number, expanded: Array<[number, number]>): number {
    let lo = 0;
    let hi = this.buffer.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsetOf(mid, expanded) <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    this.renders++;
    const expanded = this.sortedExpanded();
    const total = this.totalHeight(expanded);
    this.spacer.style.height = `${total}px`;
    this.empty.hidden = this.buffer.length > 0;
    const notice = droppedNotice(this.buffer.dropped, this.buffer.max);
    this.notice.hidden = !notice;
    this.notice.textContent = notice ?? '';
    if (this.follow) this.scrollTo(Math.max(0, total - this.scroller.clientHeight));
    const top = this.scroller.scrollTop;
    const height = this.scroller.clientHeight || 400;
    const first = this.buffer.length ? Math.max(0, this.indexAt(top, expanded) - OVERSCAN) : 0;
    let last = first;
    while (last < this.buffer.length && this.offsetOf(last, expanded) < top + height) last++;
    last = Math.min(this.buffer.length, last + OVERSCAN);
    const firstSeq = this.buffer.firstSeq;
    const keep = new Set<number>();
    for (let i = first; i < last; i++) keep.add(firstSeq + i);
    for (const [seq, el] of this.rows) {
      if (!keep.has(seq) && !el.contains(document.activeElement)) {
        el.remove();
        this.rows.delete(seq);
      }
    }
    const currentSeq = this.current >= 0 ? this.matches[this.current] : undefined;
    let remeasure = false;
    for (let i = first; i < last; i++) {
      const e = this.buffer.at(i);
      if (!e) continue;
      let el = this.rows.get(e.seq);
      if (!el) {
        el = this.row(e, i);
        this.rows.set(e.seq, el);
        this.spacer.appendChild(el);
      }
      el.style.top = `${this.offsetOf(i, expanded)}px`;
      el.classList.toggle('match', this.query !== '' && textOf(e).includes(this.query));
      el.classList.toggle('current', e.seq === currentSeq);
      if (this.expanded.has(e.seq)) {
        const extra = Math.max(0, el.offsetHeight - ROW_HEIGHT);
        if (extra !== this.expanded.get(e.seq)) {
          this.expanded.set(e.seq, extra);
          remeasure = true;
        }
      }
    }
    if (remeasure) this.schedule();
    this.countLabel.textContent = this.buffer.length === 1 ? l10n.t('1 event') : l10n.t('{0} events', this.buffer.length.toLocaleString('en-US'));
  }

  private row(e: EventView, index: number): HTMLElement {
    const open = this.expanded.has(e.seq);
    const notice = isNotice(e);
    const summary = h('div', {
      class: 'row-summary',
      attrs: { tabindex: '0', role: 'button', 'aria-expanded': String(open), 'aria-label': l10n.t('Event {0}: {1} at {2}', e.seq + 1, e.type, clockTime(e.time)) },
    });
    summary.append(icon(notice ? (e.type === 'gap' ? 'warning' : 'info') : open ? 'chevron-down' : 'chevron-right', 'row-icon'));
    summary.append(h('span', { class: 'time', text: clockTime(e.time) }));
    summary.append(h('span', { class: `type${notice ? ' notice-type' : ''}`, text: e.type }));
    const { data, malformed } = eventData(e);
    if (malformed) summary.append(h('span', { class: 'tag', text: l10n.t('not JSON'), title: l10n.t('The server sent data that is not JSON; shown as text') }));
    const preview = h('span', { class: 'preview' });
    preview.appendChild(highlighted(notice && typeof data === 'object' && data !== null && 'reason' in data ? String((data as { reason: unknown }).reason) : previewText(e.text ?? data, moreLines), this.query));
    summary.append(preview);
    const copy = iconButton('copy', l10n.t('Copy this event'), () => void request({ type: 'copy', text: JSON.stringify(data, null, 2) ?? String(data) }));
    copy.classList.add('row-copy');
    const row = h('div', { class: `row${notice ? ' notice-row' : ''}${e.type === 'gap' ? ' gap' : ''}`, attrs: { role: 'listitem', 'data-seq': String(e.seq), 'data-index': String(index) } }, summary, copy);
    const toggle = (): void => this.toggle(e.seq);
    summary.addEventListener('click', toggle);
    summary.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        toggle();
      }
    });
    if (open) row.appendChild(this.body(e));
    // Folding inside the JSON changes the row's height: measure again.
    row.addEventListener('toggle', () => this.schedule(), true);
    return row;
  }

  private body(e: EventView): HTMLElement {
    const body = h('div', { class: 'row-body' });
    const { data } = eventData(e);
    if (typeof data === 'string') {
      const pre = h('pre', { class: 'text' });
      pre.appendChild(highlighted(data, this.query));
      body.appendChild(pre);
    } else {
      body.appendChild(jsonTree(data, { openDepth: 2, query: this.query }));
    }
    return body;
  }

  private toggle(seq: number): void {
    if (this.expanded.has(seq)) this.expanded.delete(seq);
    else this.expanded.set(seq, 0);
    const el = this.rows.get(seq);
    const focused = el?.contains(document.activeElement);
    if (el) {
      el.remove();
      this.rows.delete(seq);
    }
    this.render();
    if (focused) (this.rows.get(seq)?.querySelector('.row-summary') as HTMLElement | null)?.focus();
  }

  private scrollTo(top: number): void {
    if (Math.abs(this.scroller.scrollTop - top) < 1) return;
    this.programmaticScroll = true;
    this.scroller.scrollTop = top;
  }

  private onScroll(): void {
    if (this.programmaticScroll) {
      this.programmaticScroll = false;
    } else {
      const atBottom = this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - 4;
      if (this.follow && !atBottom) this.setFollow(false);
      else if (!this.follow && atBottom && this.buffer.length > 0) this.setFollow(true);
    }
    this.schedule();
  }

  /** Up/Down move between rows; Home/End jump; Ctrl/Cmd+F finds. */
  private onKey(e: KeyboardEvent): void {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      this.focusFind();
      return;
    }
    const active = document.activeElement as HTMLElement | null;
    const row = active?.closest('.row') as HTMLElement | null;
    let index = row ? Number(row.dataset.seq) - this.buffer.firstSeq : -1;
    if (e.key === 'ArrowDown') index++;
    else if (e.key === 'ArrowUp') index--;
    else if (e.key === 'Home') index = 0;
    else if (e.key === 'End') index = this.buffer.length - 1;
    else return;
    e.preventDefault();
    index = Math.max(0, Math.min(this.buffer.length - 1, index));
    this.reveal(index, true);
  }

  private reveal(index: number, focus: boolean): void {
    const expanded = this.sortedExpanded();
    const y = this.offsetOf(index, expanded);
    if (y < this.scroller.scrollTop || y + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) {
      if (this.follow) this.setFollow(false);
      this.scrollTo(Math.max(0, y - this.scroller.clientHeight / 3));
    }
    this.render();
    if (focus) (this.rows.get(this.buffer.firstSeq + index)?.querySelector('.row-summary') as HTMLElement | null)?.focus();
  }

  // ---- find ----

  find(query: string): void {
    this.query = query.trim().toLowerCase();
    this.matches = [];
    this.current = -1;
    if (this.query) {
      for (let i = 0; i < this.buffer.length; i++) {
        const e = this.buffer.at(i) as EventView;
        if (textOf(e).includes(this.query)) this.matches.push(e.seq);
      }
    }
    // Rows show highlights: draw them again.
    for (const el of this.rows.values()) el.remove();
    this.rows.clear();
    this.updateFindCount();
    if (this.matches.length) this.step(1);
    else this.schedule();
  }

  private refreshMatches(added: readonly EventView[]): void {
    const first = this.buffer.firstSeq;
    const kept = this.matches.filter((s) => s >= first);
    const shift = this.matches.length - kept.length;
    for (const e of added) if (e.seq >= first && textOf(e).includes(this.query)) kept.push(e.seq);
    this.matches = kept;
    this.current = Math.max(-1, this.current - shift);
    this.updateFindCount();
  }

  private step(direction: 1 | -1): void {
    if (!this.matches.length) return;
    this.current = (this.current + direction + this.matches.length) % this.matches.length;
    this.updateFindCount();
    this.reveal(this.matches[this.current] - this.buffer.firstSeq, false);
  }

  private updateFindCount(): void {
    this.findCount.textContent = this.query ? (this.matches.length ? l10n.t('{0} of {1}', this.current + 1, this.matches.length) : l10n.t('No results')) : '';
  }

  // ---- copy / export ----

  private async copyAll(): Promise<void> {
    const lines: string[] = [];
    for (let i = 0; i < this.buffer.length; i++) {
      const e = this.buffer.at(i) as EventView;
      lines.push(JSON.stringify({ type: e.type, time: e.time, data: eventData(e).data }));
    }
    const r = await request({ type: 'copy', text: lines.join('\n') });
    this.callbacks.onStatus(r.ok ? (lines.length === 1 ? l10n.t('Copied 1 event') : l10n.t('Copied {0} events', lines.length)) : r.error);
  }

  private async exportAll(): Promise<void> {
    const r = await request({ type: 'export' });
    if (!r.ok) this.callbacks.onStatus(l10n.t('Export failed: {0}', r.error));
    else if (typeof r.result === 'string') this.callbacks.onStatus(l10n.t('Exported to {0}', r.result));
  }
}

export function iconButton(name: string, label: string, onClick: () => void): HTMLElement {
  const b = h('button', { class: 'icon-button', title: label, attrs: { type: 'button', 'aria-label': label } }, icon(name));
  b.addEventListener('click', onClick);
  return b;
}
