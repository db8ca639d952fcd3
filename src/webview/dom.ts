// Tiny DOM helpers. Text is always set with textContent: server data never becomes markup.

export interface Props {
  readonly class?: string;
  readonly text?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string | undefined>>;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

export type Child = Node | string | undefined | null | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title !== undefined) el.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) if (v !== undefined) el.setAttribute(k, v);
  for (const [k, fn] of Object.entries(props.on ?? {})) el.addEventListener(k, fn as EventListener);
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A codicon (decorative: hidden from screen readers). */
export function icon(name: string, extra = ''): HTMLElement {
  return h('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/**
 * A vscode-elements button with a codicon. Its accessible name is the visible label (so "click Reconnect"
 * works for speech input, WCAG 2.5.3); the longer `title` is the tooltip and the accessible description.
 */
export function button(label: string, iconName: string | undefined, onClick: () => void, options: { secondary?: boolean; title?: string; id?: string } = {}): HTMLElement {
  const description = options.title && options.title !== label ? options.title : undefined;
  const b = h('vscode-button', { text: label, title: options.title ?? label, attrs: { ...(iconName ? { icon: iconName } : {}), ...(options.secondary ? { secondary: '' } : {}), ...(options.id ? { id: options.id } : {}), 'aria-label': label, 'aria-description': description } });
  b.addEventListener('click', onClick);
  return b;
}

/** Text with each occurrence of `query` (case-insensitive) in a <mark>, built from text nodes only. */
export function highlighted(text: string, query: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  if (!query) {
    frag.appendChild(document.createTextNode(text));
    return frag;
  }
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  let i = 0;
  for (;;) {
    const j = lower.indexOf(q, i);
    if (j < 0) break;
    if (j > i) frag.appendChild(document.createTextNode(text.slice(i, j)));
    const m = document.createElement('mark');
    m.textContent = text.slice(j, j + q.length);
    frag.appendChild(m);
    i = j + q.length;
  }
  if (i < text.length) frag.appendChild(document.createTextNode(text.slice(i)));
  return frag;
}
