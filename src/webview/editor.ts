// The JSON editor of Resume and Create Run: CodeMirror 6 with syntax highlighting, bracket matching,
// folding, inline parse errors and schema errors placed where they are. No eval, no inline styles.
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import * as l10n from '@vscode/l10n';
import { checkJsonText, type SchemaProblem } from '../shared/schema';

export interface JsonEditor {
  readonly view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Parses and validates now; shows the problems in the editor; returns the value when valid. */
  check(): { ok: true; value: unknown } | { ok: false; problems: readonly SchemaProblem[] };
  focus(): void;
}

export interface JsonEditorOptions {
  readonly parent: HTMLElement;
  readonly doc: string;
  readonly label: string;
  /** The schema to validate against (read at every check). */
  schema(): unknown;
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onSubmit(): void;
  /** What Ctrl/Cmd+Enter does, for screen readers ("Ctrl+Enter resumes the run"). */
  readonly submitHint: string;
}

function diagnostics(text: string, schema: unknown): Diagnostic[] {
  if (text.trim() === '') return [{ from: 0, to: 0, severity: 'error', message: l10n.t('Empty: write a JSON value') }];
  const r = checkJsonText(text, schema);
  if (r.ok) return [];
  return r.problems.map((p) => {
    const from = Math.min(p.range?.from ?? 0, text.length);
    const to = Math.min(Math.max(p.range?.to ?? from, from), text.length);
    return { from, to, severity: 'error', message: p.message, source: 'JSON' };
  });
}

/**
 * The editor lives in a shadow root: CodeMirror's styles are then constructed style sheets
 * (adoptedStyleSheets), which the strict CSP allows, instead of <style> elements, which it blocks.
 * The panel's own stylesheet is linked inside the shadow root (style-src allows the extension's files).
 */
function shadowParent(host: HTMLElement): { root: ShadowRoot; parent: HTMLElement } {
  const root = host.attachShadow({ mode: 'open' });
  const sheet = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"][href*="panel.css"]');
  if (sheet) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = sheet.href;
    root.appendChild(link);
  }
  const parent = document.createElement('div');
  parent.className = 'editor-root';
  root.appendChild(parent);
  return { root, parent };
}

/** CodeMirror's own words (fold gutter, lint panel, completions, screen-reader announcements), translated like the panel's. */
function phrases(): Record<string, string> {
  return {
    'Fold line': l10n.t('Fold line'),
    'Unfold line': l10n.t('Unfold line'),
    'Folded lines': l10n.t('Folded lines'),
    'Unfolded lines': l10n.t('Unfolded lines'),
    'folded code': l10n.t('folded code'),
    unfold: l10n.t('unfold'),
    to: l10n.t('to'),
    Diagnostics: l10n.t('Diagnostics'),
    'No diagnostics': l10n.t('No diagnostics'),
    Completions: l10n.t('Completions'),
    'Control character': l10n.t('Control character'),
    'Selection deleted': l10n.t('Selection deleted'),
    close: l10n.t('close'),
  };
}

export function createJsonEditor(options: JsonEditorOptions): JsonEditor {
  const { root, parent } = shadowParent(options.parent);
  const view = new EditorView({
    root,
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        EditorState.phrases.of(phrases()),
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [] }),
        highlightActiveLine(),
        syntaxHighlighting(classHighlighter),
        json(),
        linter((v) => diagnostics(v.state.doc.toString(), options.schema()), { delay: 300 }),
        lintGutter(),
        keymap.of([
          { key: 'Mod-Enter', run: () => (options.onSubmit(), true), preventDefault: true },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...foldKeymap,
          indentWithTab,
        ]),
        // Tab indents (indentWithTab), so say how to leave: Escape then Tab moves focus on (CodeMirror's tab focus mode).
        EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true', 'aria-description': l10n.t('{0}. Tab indents; press Escape, then Tab, to move out of the editor (Ctrl+M: Tab always moves focus).', options.submitHint) }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    check: () => {
      forceLinting(view);
      const text = view.state.doc.toString();
      if (text.trim() === '') return { ok: false, problems: [{ pointer: '', message: l10n.t('Empty: write a JSON value') }] };
      const r = checkJsonText(text, options.schema());
      return r.ok ? { ok: true, value: r.value } : { ok: false, problems: r.problems };
    },
    focus: () => view.focus(),
  };
}
