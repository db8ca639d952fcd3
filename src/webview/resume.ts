// The Resume section: the interrupt payload (read-only) beside a JSON editor prefilled from the resume
// schema (or the last value sent). Nothing is sent until the text parses and satisfies the schema.
import * as l10n from '@vscode/l10n';
import type { InterruptView } from '../shared/protocol';
import { usableSchema } from '../shared/schema';
import { request, saveState } from './api';
import { button, clear, h } from './dom';
import { createJsonEditor, type JsonEditor } from './editor';
import { jsonTree } from './jsonTree';

export class ResumeView {
  readonly element = h('section', { class: 'resume', attrs: { 'aria-label': l10n.t('Resume') } });
  private readonly payloadBox = h('div', { class: 'interrupt-payload' });
  private readonly schemaNote = h('p', { class: 'muted' });
  private readonly problems = h('div', { class: 'problems', attrs: { role: 'alert', id: 'resume-problems' } });
  private readonly result = h('div', { class: 'result', attrs: { role: 'status' } });
  private readonly editorHost = h('div', { class: 'editor', attrs: { id: 'resume-editor' } });
  private readonly sendButton: HTMLElement;
  private editor: JsonEditor | undefined;
  private interrupt: InterruptView | undefined;
  private sending = false;

  constructor(
    private draft: string | undefined,
    private readonly onResumed: () => void,
  ) {
    this.sendButton = button(l10n.t('Resume'), 'debug-continue', () => void this.send(), { title: l10n.t('Send the value and resume the run (Ctrl+Enter)'), id: 'resume-send' });
    const waiting = h('p', { class: 'muted waiting', text: l10n.t('This run is not waiting for input.') });
    this.element.append(
      waiting,
      h('div', { class: 'resume-grid' }, h('div', { class: 'col' }, h('h2', { text: l10n.t('The run asks') }), this.payloadBox), h('div', { class: 'col' }, h('h2', { text: l10n.t('Your answer (JSON)') }), this.schemaNote, this.editorHost, this.problems, h('div', { class: 'buttons' }, this.sendButton, h('span', { class: 'muted', text: l10n.t('Ctrl+Enter / Cmd+Enter · Esc, then Tab: leave the editor') })), this.result)),
    );
    this.set(undefined);
  }

  get hasInterrupt(): boolean {
    return this.interrupt !== undefined;
  }

  set(interrupt: InterruptView | undefined): void {
    this.interrupt = interrupt;
    this.element.classList.toggle('idle', !interrupt);
    if (!interrupt) return;
    clear(this.payloadBox);
    if (interrupt.type) this.payloadBox.append(h('p', {}, l10n.t('Interrupt type:'), ' ', h('code', { text: interrupt.type })));
    this.payloadBox.append(jsonTree(interrupt.payload, { openDepth: 3 }));
    const schema = usableSchema(interrupt.resumeSchema);
    clear(this.schemaNote);
    this.schemaNote.append(schema ? l10n.t('Checked against the resume schema the server publishes before anything is sent.') : l10n.t('The server publishes no resume schema: the value is checked for valid JSON only.'));
    if (schema) {
      const d = h('details', { class: 'schema' }, h('summary', { text: l10n.t('Resume schema') }), jsonTree(interrupt.resumeSchema, { openDepth: 2 }));
      this.schemaNote.append(' ', d);
    }
    const text = this.draft ?? interrupt.prefill;
    if (!this.editor) {
      this.editor = createJsonEditor({
        parent: this.editorHost,
        doc: text,
        label: l10n.t('Resume value (JSON)'),
        schema: () => this.interrupt?.resumeSchema,
        onChange: (t) => {
          this.draft = t;
          saveState({ draft: t });
        },
        onSubmit: () => void this.send(),
        submitHint: l10n.t('Ctrl+Enter or Cmd+Enter resumes the run'),
      });
    } else if (this.draft === undefined) {
      this.editor.setText(text);
    }
  }

  focus(): void {
    this.editor?.focus();
  }

  private showProblems(list: readonly string[]): void {
    clear(this.problems);
    for (const p of list) this.problems.append(h('p', { class: 'error-text', text: p }));
  }

  async send(): Promise<void> {
    if (!this.editor || this.sending) return;
    clear(this.result);
    const checked = this.editor.check();
    if (!checked.ok) {
      this.showProblems(checked.problems.map((p) => p.message));
      return;
    }
    this.showProblems([]);
    this.sending = true;
    this.sendButton.setAttribute('disabled', '');
    this.result.textContent = l10n.t('Sending...');
    const r = await request({ type: 'resume', text: this.editor.text() });
    this.sending = false;
    this.sendButton.removeAttribute('disabled');
    if (!r.ok) {
      // The server refused: say why, keep the text for another try.
      this.result.textContent = '';
      this.showProblems([r.error]);
      return;
    }
    this.result.textContent = l10n.t('Resumed: following the run.');
    this.draft = undefined;
    saveState({ draft: undefined });
    this.onResumed();
  }
}
