// Create Run mode: the backend's template in the JSON editor; on Create the host creates the run and
// opens its panel (this one closes). Invalid JSON, and a body the backend's schema refuses (errors shown
// at the value), never leave the webview; a refused create keeps the text for another try.
import * as l10n from '@vscode/l10n';
import { request, saveState } from './api';
import { button, clear, h } from './dom';
import { createJsonEditor, type JsonEditor } from './editor';

export class CreateView {
  readonly element = h('section', { class: 'create', attrs: { 'aria-label': l10n.t('Create Run') } });
  private readonly problems = h('div', { class: 'problems', attrs: { role: 'alert', id: 'create-problems' } });
  private readonly result = h('div', { class: 'result', attrs: { role: 'status' } });
  private editor: JsonEditor | undefined;
  private sending = false;

  constructor(backendLabel: string, hint: string, template: string, draft: string | undefined, private readonly schema: unknown) {
    const host = h('div', { class: 'editor', attrs: { id: 'create-editor' } });
    this.element.append(
      h('h1', { text: l10n.t('Create Run on {0}', backendLabel) }),
      h('p', { class: 'muted', text: hint }),
      host,
      this.problems,
      h('div', { class: 'buttons' }, button(l10n.t('Create'), 'run', () => void this.send(), { title: l10n.t('Create the run (Ctrl+Enter)'), id: 'create-send' }), button(l10n.t('Reset to Template'), 'discard', () => this.editor?.setText(template), { secondary: true }), h('span', { class: 'muted', text: l10n.t('Ctrl+Enter / Cmd+Enter · Esc, then Tab: leave the editor') })),
      this.result,
    );
    this.editor = createJsonEditor({
      parent: host,
      doc: draft ?? template,
      label: l10n.t('Run body (JSON)'),
      schema: () => this.schema,
      onChange: (t) => saveState({ draft: t }),
      onSubmit: () => void this.send(),
      submitHint: l10n.t('Ctrl+Enter or Cmd+Enter creates the run'),
    });
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
    const checked = this.editor.check();
    if (!checked.ok) {
      this.showProblems(checked.problems.map((p) => p.message));
      return;
    }
    if (typeof checked.value !== 'object' || checked.value === null || Array.isArray(checked.value)) {
      this.showProblems([l10n.t('The run body must be a JSON object.')]);
      return;
    }
    this.showProblems([]);
    this.sending = true;
    // Agent Protocol's run_mode "wait" answers only when the run has ended.
    this.result.textContent = (checked.value as Record<string, unknown>)['run_mode'] === 'wait' ? l10n.t('Creating the run and waiting for it to end...') : l10n.t('Creating...');
    const r = await request({ type: 'create', text: this.editor.text() });
    this.sending = false;
    if (!r.ok) {
      this.result.textContent = '';
      this.showProblems([r.error]);
      return;
    }
    saveState({ draft: undefined });
    this.result.textContent = l10n.t('Created: opening the run...');
  }
}
