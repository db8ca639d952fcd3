// Foldable, read-only JSON: objects and arrays are <details> (native folding, keyboard accessible);
// every key and value is a text node. Big containers render their children only when opened.
import * as l10n from '@vscode/l10n';
import { h, highlighted } from './dom';

const MAX_STRING = 4000;
const CHUNK = 200;

export interface JsonTreeOptions {
  /** Levels open at first (0 = all folded). */
  readonly openDepth?: number;
  /** Text to highlight. */
  readonly query?: string;
}

function scalar(value: unknown, query: string): HTMLElement {
  if (typeof value === 'string') {
    const s = JSON.stringify(value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value);
    const el = h('span', { class: 'json-string' });
    el.appendChild(highlighted(s, query));
    if (value.length > MAX_STRING) {
      const more = h('button', { class: 'link', text: l10n.t('… {0} more characters', value.length - MAX_STRING) });
      more.addEventListener('click', () => {
        el.textContent = '';
        el.appendChild(highlighted(JSON.stringify(value), query));
      });
      el.appendChild(more);
    }
    return el;
  }
  const cls = value === null ? 'json-null' : typeof value === 'number' ? 'json-number' : typeof value === 'boolean' ? 'json-boolean' : 'json-other';
  const el = h('span', { class: cls });
  el.appendChild(highlighted(value === undefined ? 'undefined' : String(value), query));
  return el;
}

/** "3 items" (an array), "1 key" (an object): whole phrases, one per plural form. */
function count(n: number, isArray: boolean): string {
  if (isArray) return n === 1 ? l10n.t('1 item') : l10n.t('{0} items', n);
  return n === 1 ? l10n.t('1 key') : l10n.t('{0} keys', n);
}

function keyEl(key: string, query: string): HTMLElement {
  const el = h('span', { class: 'json-key' });
  el.appendChild(highlighted(JSON.stringify(key), query));
  el.appendChild(document.createTextNode(': '));
  return el;
}

function node(key: string | undefined, value: unknown, depth: number, options: JsonTreeOptions): HTMLElement {
  const query = options.query ?? '';
  if (value === null || typeof value !== 'object') {
    return h('div', { class: 'json-line' }, key !== undefined ? keyEl(key, query) : undefined, scalar(value, query));
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string, unknown]> = isArray ? (value as unknown[]).map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return h('div', { class: 'json-line' }, key !== undefined ? keyEl(key, query) : undefined, h('span', { class: 'json-punct', text: `${open}${close}` }));
  const details = h('details', { class: 'json-node' });
  const summary = h('summary', {}, key !== undefined ? keyEl(key, query) : undefined, h('span', { class: 'json-punct', text: open }), h('span', { class: 'json-count', text: ` ${count(entries.length, isArray)} ` }), h('span', { class: 'json-punct json-close-folded', text: close }));
  details.appendChild(summary);
  const body = h('div', { class: 'json-children' });
  details.appendChild(body);
  details.appendChild(h('div', { class: 'json-punct json-close', text: close }));
  let rendered = 0;
  const renderMore = (): void => {
    const end = Math.min(entries.length, rendered + CHUNK);
    for (let i = rendered; i < end; i++) {
      const [k, v] = entries[i];
      body.appendChild(node(isArray ? undefined : k, v, depth + 1, options));
    }
    rendered = end;
    if (rendered < entries.length) {
      const more = h('button', { class: 'link json-more', text: l10n.t('Show {0} more of {1}', Math.min(CHUNK, entries.length - rendered), entries.length - rendered) });
      more.addEventListener('click', () => {
        more.remove();
        renderMore();
      });
      body.appendChild(more);
    }
  };
  details.addEventListener('toggle', () => {
    if (details.open && rendered === 0) renderMore();
  });
  if (depth < (options.openDepth ?? 1)) {
    details.open = true;
    renderMore();
  }
  return details;
}

/** A foldable tree of any JSON value. */
export function jsonTree(value: unknown, options: JsonTreeOptions = {}): HTMLElement {
  return h('div', { class: 'json-tree' }, node(undefined, value, 0, options));
}
