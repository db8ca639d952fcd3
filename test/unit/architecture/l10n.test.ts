import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { RUN_STATUSES } from '../../../src/core';
import { STATUS_LABELS } from '../../../src/shared/time';

// Localisation: every user-facing string of src/ui goes through vscode.l10n.t(...), and every one of the
// run panel's webview (src/webview) through @vscode/l10n's l10n.t(...) (so `@vscode/l10n-dev export` finds
// it and one bundle.l10n.<lang>.json translates both). This test parses src/ui/**/*.ts and src/webview/*.ts
// and fails on a bare string literal where the UI shows text: message and button
// arguments, shown properties, tree item labels, webview panel titles and host-to-webview text, error
// messages (a command's failure is shown as a notification, a panel's as an error reply), literals handed
// to a same-file function at a `title`/`text`... parameter, and `const` variables of the file used there.
// It also checks that each l10n.t message has as many arguments as {n} placeholders.
// The webview rules add its DOM helpers (src/webview/dom.ts): `h(tag, { text, title, attrs: { 'aria-label',
// placeholder, title } }, ...children)`, `button(label, ...)`, `iconButton(icon, title, ...)`,
// `el.textContent = ...`, `el.append('...')`, `setAttribute('aria-label', ...)`, flag any other literal
// that reads like a phrase (words reaching the DOM through tables and tuples), and refuse an l10n.t call
// that runs when the module loads (before the host's `init` message has configured the bundle).
// Pure modules of src/ui (no vscode import, unit-tested in Node) return data, not sentences: the words
// are chosen where vscode.l10n.t can be called (validateProfile.ts -> profileMessages.ts,
// notifications.ts -> notifier.ts).

const root = path.resolve(__dirname, '../../../..');
const srcDir = path.join(root, 'src');
const uiDir = path.join(srcDir, 'ui');
const webviewDir = path.join(srcDir, 'webview');

/** Which rules apply: src/ui (vscode API) or src/webview (DOM helpers, @vscode/l10n). */
export type Layer = 'ui' | 'webview';

/** Functions whose string arguments are shown to the user (message text and button labels, Markdown text). */
const SHOWN_ARGS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage', 'appendText', 'appendMarkdown', 'createOutputChannel']);
/**
 * Object-literal properties and assigned properties that the UI shows (quick picks, input boxes, progress,
 * dialogs, tree items, status bar) or that the webview shows (`text` and `error` of host messages, the
 * Create Run `hint`). Also parameter names: a literal passed to a function of the same file at a
 * parameter called `title`, `text`... is shown by it.
 */
const SHOWN_PROPS = new Set(['title', 'prompt', 'placeHolder', 'placeholder', 'label', 'description', 'detail', 'tooltip', 'text', 'validationMessage', 'saveLabel', 'openLabel', 'error', 'hint']);
/**
 * The webview shows these too: attributes a screen reader reads (`attrs: { 'aria-label': ... }`), the
 * JSON editors' `submitHint`, and the `message` of an editor diagnostic or a problem it lists. (`error`
 * and `hint` are fields of host messages: src/ui words them; in the webview `error` is a stream state.)
 */
const WEBVIEW_PROPS = new Set([...[...SHOWN_PROPS].filter((p) => p !== 'error' && p !== 'hint'), 'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'alt', 'submitHint', 'message']);
/** DOM properties whose assigned value the webview shows (`el.textContent = ...`). */
const WEBVIEW_ASSIGNED = new Set([...WEBVIEW_PROPS, 'textContent', 'innerText', 'ariaLabel', 'ariaDescription', 'ariaPlaceholder']);
/**
 * Webview functions that show arguments: dom.ts `button(label, ...)`, output.ts `iconButton(icon, label, ...)`,
 * `h(tag, props, ...children)` and the DOM's own `append`/`prepend`... (strings become text nodes).
 * Value: the first shown argument, and whether the ones after it are shown too.
 */
const WEBVIEW_CALLS: Readonly<Record<string, { readonly from: number; readonly rest: boolean }>> = {
  button: { from: 0, rest: false },
  iconButton: { from: 1, rest: false },
  h: { from: 2, rest: true },
  append: { from: 0, rest: true },
  prepend: { from: 0, rest: true },
  replaceChildren: { from: 0, rest: true },
  before: { from: 0, rest: true },
  after: { from: 0, rest: true },
  createTextNode: { from: 0, rest: false },
};
/** Errors whose message reaches the user (a command's error notification, a panel's error reply): constructor -> index of the message argument. */
const ERROR_MESSAGE_ARG: Readonly<Record<string, number>> = { Error: 0, TypeError: 0, RangeError: 0, BackendError: 1 };

/**
 * Allowed bare literals: `file` (relative to src, forward slashes) and the literal's text. Each needs a
 * reason; only text that is not user-facing, or not translated on purpose, belongs here.
 */
const ALLOWED: Array<{ file: string; literal: string | RegExp; reason: string }> = [
  { file: 'ui/log.ts', literal: 'Runs Explorer', reason: 'the log channel\'s name is the product name, which is not translated; it also names the log file' },
];

export interface Finding {
  line: number;
  literal: string;
  why: string;
}

/** Text of a literal-like expression, or undefined when the expression is not (only) a literal. */
function literalText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join('');
  return undefined;
}

/** Literals have words for a reader: letters once codicons (`$(sync~spin)`) and placeholders are removed. */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text.replace(/\$\([^)]*\)/g, '').replace(/\$\{\}/g, ''));
}

/** Resolves an identifier to the initializers of the variables of that name in the file (scope-blind, which is enough here). */
type Resolve = (name: string) => readonly ts.Expression[];

/**
 * The literals a value expression can evaluate to without a call (through ?:, ??, ||, +, arrays, spreads,
 * parentheses, and `const` variables of the same file: `const text = \`...\`; showErrorMessage(text)`).
 */
function bareLiterals(node: ts.Expression, resolve: Resolve = () => [], seen: Set<string> = new Set()): ts.Expression[] {
  const again = (e: ts.Expression) => bareLiterals(e, resolve, seen);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSpreadElement(node)) return again(node.expression);
  if (ts.isConditionalExpression(node)) return [...again(node.whenTrue), ...again(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return [...again(node.left), ...again(node.right)];
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...again(node.left), ...again(node.right)];
    return [];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => again(e));
  // `HINTS[kind]` with `const HINTS = { kfp: '...' }`: any of its values.
  if (ts.isElementAccessExpression(node)) return again(node.expression);
  if (ts.isObjectLiteralExpression(node)) return node.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? again(p.initializer) : []));
  if (ts.isIdentifier(node)) {
    if (seen.has(node.text)) return [];
    seen.add(node.text);
    return resolve(node.text).flatMap((e) => again(e));
  }
  const text = literalText(node);
  // What a template substitutes is shown too: `${title}. ${HINTS[kind]}${checked}`.
  const spans = ts.isTemplateExpression(node) ? node.templateSpans.flatMap((span) => again(span.expression)) : [];
  return text !== undefined && hasWords(text) ? [node, ...spans] : spans;
}

/**
 * The shown-text function a call calls: by name (`vscode.window.showErrorMessage(...)`), or through a
 * variable of the file that holds one (`const show = failed ? vscode.window.showErrorMessage : ...; show(text)`).
 */
function shownCallee(expr: ts.LeftHandSideExpression, resolve: Resolve): string | undefined {
  const name = calleeName(expr);
  if (name && SHOWN_ARGS.has(name)) return name;
  if (!ts.isIdentifier(expr)) return undefined;
  const targets = (e: ts.Expression): string[] => {
    if (ts.isParenthesizedExpression(e)) return targets(e.expression);
    if (ts.isConditionalExpression(e)) return [...targets(e.whenTrue), ...targets(e.whenFalse)];
    return ts.isPropertyAccessExpression(e) && SHOWN_ARGS.has(e.name.text) ? [e.name.text] : [];
  };
  return resolve(expr.text).flatMap(targets)[0];
}

function calleeName(expr: ts.LeftHandSideExpression): string | undefined {
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isIdentifier(expr)) return expr.text;
  return undefined;
}

/** `vscode.l10n.t(...)` (src/ui) or `l10n.t(...)` with `import * as l10n from '@vscode/l10n'` (src/webview). */
function isL10nT(node: ts.CallExpression): boolean {
  const e = node.expression;
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 't') return false;
  const owner = e.expression;
  return (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n') || (ts.isIdentifier(owner) && owner.text === 'l10n');
}

/**
 * Whether a node runs when its module loads: not inside a function, method, accessor or constructor,
 * nor in the initializer of an instance field (that runs when an object is made).
 */
function runsAtLoad(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return false;
    if (ts.isPropertyDeclaration(p) && !p.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return false;
  }
  return true;
}

/** `{0}`... in an l10n.t message: how many positional arguments it needs. */
function placeholderCount(message: string): number {
  let n = 0;
  for (const m of message.matchAll(/\{(\d+)\}/g)) n = Math.max(n, Number(m[1]) + 1);
  return n;
}

/** Names of the parameters of the functions and methods declared in a file, by function name. */
function declaredParams(sf: ts.SourceFile): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const names = (fn: ts.SignatureDeclarationBase) => fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  const visit = (node: ts.Node): void => {
    // Interface methods too: `onStatus(text: string): void` of a callbacks interface.
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isMethodSignature(node)) && node.name && ts.isIdentifier(node.name)) params.set(node.name.text, names(node));
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
      params.set(node.name.text, names(node.initializer));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return params;
}

/** Initializers of the variables declared in a file, by name. */
function declaredValues(sf: ts.SourceFile): Map<string, ts.Expression[]> {
  const values = new Map<string, ts.Expression[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      values.set(node.name.text, [...(values.get(node.name.text) ?? []), node.initializer]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return values;
}

/** Bare user-facing literals in one source file of src/ui or (`layer` 'webview') src/webview. */
export function scan(fileName: string, source: string, layer: Layer = 'ui'): Finding[] {
  const webview = layer === 'webview';
  const shownProps = webview ? WEBVIEW_PROPS : SHOWN_PROPS;
  const assignedProps = webview ? WEBVIEW_ASSIGNED : SHOWN_PROPS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const values = declaredValues(sf);
  const params = declaredParams(sf);
  const resolve: Resolve = (name) => values.get(name) ?? [];
  const findings: Finding[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  // A literal is reported once, whichever rules see it.
  const flagged = new Set<ts.Node>();
  const flag = (expr: ts.Expression, why: string): void => {
    for (const lit of bareLiterals(expr, resolve)) {
      if (flagged.has(lit)) continue;
      flagged.add(lit);
      findings.push({ line: at(lit), literal: literalText(lit) ?? '', why });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const shown = shownCallee(node.expression, resolve);
      if (shown) for (const arg of node.arguments) flag(arg, `${shown} argument`);
      if (name === 'createWebviewPanel' && node.arguments[1]) flag(node.arguments[1], 'webview panel title');
      // A function of this file that shows a parameter: `pickProfile(services, args, 'Set Credentials')` with `title`.
      const own = name && !isL10nT(node) ? params.get(name) : undefined;
      if (own) node.arguments.forEach((arg, i) => SHOWN_PROPS.has(own[i] ?? '') && flag(arg, `argument "${own[i]}" of ${name}`));
      if (webview && name !== undefined && Object.prototype.hasOwnProperty.call(WEBVIEW_CALLS, name)) {
        const { from, rest } = WEBVIEW_CALLS[name];
        node.arguments.forEach((arg, i) => (i === from || (rest && i > from)) && flag(arg, `argument ${i + 1} of ${name} (shown)`));
      }
      // el.setAttribute('aria-label', '...')
      if (webview && name === 'setAttribute' && node.arguments.length === 2) {
        const attr = literalText(node.arguments[0]);
        if (attr !== undefined && WEBVIEW_PROPS.has(attr)) flag(node.arguments[1], `${attr} attribute`);
      }
      if (webview && isL10nT(node) && runsAtLoad(node)) {
        findings.push({ line: at(node), literal: node.arguments[0]?.getText(sf) ?? '', why: 'l10n.t runs when the module loads, before the init message configures the bundle (call it where the text is shown)' });
      }
      if (isL10nT(node)) {
        // l10n-dev export only finds static messages: the first argument must be a plain literal.
        const first = node.arguments[0];
        if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          findings.push({ line: at(node), literal: first ? first.getText(sf) : '', why: 'l10n.t needs a literal message (use {0} placeholders)' });
        } else {
          // Positional arguments fill {0}, {1}...: one each (an object argument names them instead).
          const args = node.arguments.slice(1);
          const named = args.length === 1 && ts.isObjectLiteralExpression(args[0]);
          if (!named && placeholderCount(first.text) !== args.length) {
            findings.push({ line: at(node), literal: first.text, why: `l10n.t has ${placeholderCount(first.text)} placeholder(s) but ${args.length} argument(s)` });
          }
        }
      }
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      if (name === 'TreeItem' && node.arguments?.[0]) flag(node.arguments[0], 'TreeItem label');
      const index = name !== undefined && Object.prototype.hasOwnProperty.call(ERROR_MESSAGE_ARG, name) ? ERROR_MESSAGE_ARG[name] : undefined;
      if (index !== undefined && node.arguments?.[index]) flag(node.arguments[index], `${name} message (shown to the user)`);
    } else if (ts.isPropertyAssignment(node)) {
      const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
      if (key && shownProps.has(key)) flag(node.initializer, `${key} property`);
      // A dialog's file filters: the keys are their shown names (`{ [vscode.l10n.t('JSON Lines')]: ['jsonl'] }`).
      if (key === 'filters' && ts.isObjectLiteralExpression(node.initializer)) {
        for (const p of node.initializer.properties) {
          const shown = p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) ? p.name.text : undefined;
          if (shown !== undefined && hasWords(shown)) findings.push({ line: at(p), literal: shown, why: 'file filter name' });
        }
      }
    } else if (ts.isShorthandPropertyAssignment(node)) {
      // `{ title }`: the variable of that name.
      if (shownProps.has(node.name.text)) flag(node.name, `${node.name.text} property`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const key = node.left.name.text;
      if (assignedProps.has(key)) flag(node.right, `.${key} assignment`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (webview) {
    // Words that reach the DOM through a table or a tuple (`['cancel', 'Cancel this run', ...]`, then
    // destructured) escape the rules above: in the webview any literal that reads like a phrase (a capital,
    // then more words) is flagged unless l10n.t has it or it goes to the log.
    const phrases = (node: ts.Node): void => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && !flagged.has(node)) {
        const text = literalText(node) ?? '';
        if (/^\s*\p{Lu}[\p{L}'’]*[,:]?\s+\S*\p{L}/u.test(text) && !exempt(node)) {
          flagged.add(node);
          findings.push({ line: at(node), literal: text, why: 'a phrase outside l10n.t' });
        }
      }
      ts.forEachChild(node, phrases);
    };
    phrases(sf);
  }
  return findings;
}

/** Literals of the webview that are not shown: l10n.t's own, log lines, module names, property names, comparisons. */
function exempt(node: ts.Node): boolean {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isCallExpression(p) && (isL10nT(p) || calleeName(p.expression) === 'log' || (ts.isPropertyAccessExpression(p.expression) && ['debug', 'info', 'warn', 'error'].includes(p.expression.name.text)))) return true;
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return true;
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)) && p.name === child) return true;
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return true;
    if (ts.isLiteralTypeNode(p)) return true;
    if (ts.isStatement(p)) return false;
  }
  return false;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function allowed(file: string, literal: string): boolean {
  return ALLOWED.some((a) => a.file === file && (typeof a.literal === 'string' ? a.literal === literal : a.literal.test(literal)));
}

/** Every finding in src/ui and src/webview, allowed or not: `file` relative to src. */
function allFindings(): Array<Finding & { file: string }> {
  const layers: Array<[Layer, string]> = [
    ['ui', uiDir],
    ['webview', webviewDir],
  ];
  return layers.flatMap(([layer, dir]) =>
    tsFiles(dir).map((full) => {
      const file = path.relative(srcDir, full).split(path.sep).join('/');
      return scan(file, fs.readFileSync(full, 'utf8'), layer).map((f) => ({ ...f, file }));
    }).flat(),
  );
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The l10n.t words of an object literal `{ status: l10n.t('Word') }` in a file, by key (statusIcon.ts, webview/l10n.ts). */
function statusWords(file: string): Record<string, string> {
  const words: Record<string, string> = {};
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isCallExpression(node.initializer) && isL10nT(node.initializer)) {
      const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '';
      const first = node.initializer.arguments[0];
      if (first && ts.isStringLiteral(first) && (RUN_STATUSES as readonly string[]).includes(key)) words[key] = first.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return words;
}

describe('Localisation: src/ui and the webview show no hard-coded strings', () => {
  it('flags a bare literal in a made-up snippet, and accepts the l10n.t form (self-check)', () => {
    const bad = [
      "vscode.window.showInformationMessage('Run cancelled');",
      "const pick = await vscode.window.showWarningMessage(vscode.l10n.t('Delete?'), { modal: true }, 'Delete');",
      "vscode.window.showQuickPick(items, { placeHolder: `Pick a run of ${name}` });",
      "const item = new vscode.TreeItem('Nothing here yet');",
      "item.tooltip = busy ? 'Busy' : vscode.l10n.t('Idle');",
      "vscode.window.showErrorMessage(vscode.l10n.t(`Failed: ${reason}`));",
      // Through a variable of the file: the text, and the show function itself.
      "const text = `cannot read ${file}`; log.error(text); void vscode.window.showErrorMessage(text);",
      "const show = failed ? vscode.window.showErrorMessage : vscode.window.showInformationMessage; show(vscode.l10n.t('Done'), ...(run ? ['Open'] : []));",
      // Errors reach the user (a command's error notification, a panel's error reply); a BackendError's code does not.
      "throw new Error(`Cannot derive a backend id from ${label}`);",
      "throw new BackendError('rejected', 'The run body must be a JSON object.');",
      // A literal handed to a function of the same file that shows it.
      "async function pickProfile(services: S, args: unknown[], title: string) {} pickProfile(s, a, 'Set Credentials');",
      "class T { message(parent: N, text: string, severity: string) {} load() { return this.message(p, 'Backend is gone', 'warning'); } }",
      // Dialogs, webview messages, Markdown text.
      "vscode.window.showSaveDialog({ saveLabel: vscode.l10n.t('Export'), filters: { 'JSON Lines': ['jsonl'] } });",
      "this.post({ type: 'reply', requestId: id, ok: false, error: 'Not understood.' });",
      "const HINTS = { kfp: 'A KFP run.' }; const hint = `${title}. ${HINTS[kind]}`; this.post({ type: 'init', hint });",
      "tip.appendText('Status unknown');",
      // Placeholders and arguments that do not match.
      "vscode.l10n.t('{0} and {1} more', list);",
    ];
    for (const snippet of bad) assert.strictEqual(scan('probe.ts', snippet).length, 1, `should flag once: ${snippet}\n${JSON.stringify(scan('probe.ts', snippet))}`);
    const good = [
      "vscode.window.showInformationMessage(vscode.l10n.t('Run {0} cancelled', run.id));",
      "const b = vscode.l10n.t('Delete'); const pick = await vscode.window.showWarningMessage(vscode.l10n.t('Delete?'), { modal: true }, b);",
      "const item = new vscode.TreeItem(run.name); item.description = ''; item.tooltip = server.message;",
      "status.text = `$(pulse) ${count}`;",
      "const o = { label: '$(add)', id: 'x' };",
      "const text = vscode.l10n.t('cannot read {0}', file); log.error(text); void vscode.window.showErrorMessage(text);",
      "const show = vscode.window.showErrorMessage; const open = vscode.l10n.t('Open'); show(vscode.l10n.t('Failed'), open);",
      "throw new BackendError('not-found', vscode.l10n.t('The backend \"{0}\" is gone.', id));",
      "function pick(title: string, kind: string) {} pick(vscode.l10n.t('Edit Backend'), 'kfp');",
      "vscode.l10n.t('Hello {name}', { name }); vscode.l10n.t('{0} of {1}', a, b); vscode.l10n.t('Done');",
      "this.log.warn(`Create Run: no form from ${label}`); tip.appendMarkdown('**').appendMarkdown('\\n\\n$(warning) ');",
    ];
    for (const snippet of good) assert.deepStrictEqual(scan('probe.ts', snippet), [], `should accept: ${snippet}`);
  });

  it('flags a bare literal of the webview\'s DOM helpers, and accepts the l10n.t form (self-check)', () => {
    const bad = [
      "const x = h('div', { class: 'empty', text: 'No output yet.' });",
      "const x = h('input', { attrs: { type: 'search', placeholder: 'Find in output', 'aria-label': l10n.t('Find in output') } });",
      "const x = h('section', { class: 'output', attrs: { 'aria-label': 'Output' } });",
      "const x = h('span', { class: 'tag', text: l10n.t('not JSON'), title: 'The server sent data that is not JSON' });",
      "const x = h('label', { class: 'follow' }, box, ' Follow tail');",
      "const x = button('Copy All', 'copy', () => copy(), { secondary: true, title: l10n.t('Copy all kept events') });",
      "const x = button(l10n.t('Export...'), 'save', () => save(), { title: 'Export Output to a file' });",
      "const c = iconButton('copy', 'Copy this event', () => copy());",
      "this.countLabel.textContent = `${n} event${n === 1 ? '' : 's'}`;",
      "this.result.textContent = ok ? l10n.t('Sent') : 'Sending...';",
      "this.schemaNote.append(schema ? l10n.t('Checked.') : 'No schema: JSON only.');",
      "row.setAttribute('aria-label', `Event ${seq}`);",
      "const editor = createJsonEditor({ parent, label: 'Run body (JSON)', submitHint: l10n.t('Ctrl+Enter creates the run') });",
      "const editor = createJsonEditor({ parent, label: l10n.t('Run body (JSON)'), submitHint: 'Ctrl+Enter creates the run' });",
      "return [{ from: 0, to: 0, severity: 'error', message: 'Empty: write a JSON value' }];",
      // A callback of the file's own interface that shows its parameter.
      "interface C { onStatus(text: string): void } class V { constructor(private c: C) {} done(n: number) { this.c.onStatus(`Copied ${n} events`); } }",
      "this.findCount.textContent = l10n.t('{0} of {1}', current);",
      // Phrases that reach the DOM through a table, a tuple or a list.
      "const actions = [['openInBrowser', l10n.t('Open'), 'Open in Browser this run']]; for (const [a, text, title] of actions) bar.append(button(text, a, go, { title }));",
      "this.showProblems(['The run body must be a JSON object.']);",
      "const labels = { idle: ['circle-outline', 'Not streaming'] };",
    ];
    // Probed where the webview shows text: inside a function (the init message has configured the bundle).
    const inFunction = (snippet: string) => `export function probe(this: any): void {\n${snippet}\n}`;
    for (const snippet of bad) assert.strictEqual(scan('probe.ts', inFunction(snippet), 'webview').length, 1, `should flag once: ${snippet}\n${JSON.stringify(scan('probe.ts', inFunction(snippet), 'webview'))}`);
    // Translated when the module loads: before the host's init message has configured the bundle.
    const atLoad = ["const ACTIONS = [['cancel', l10n.t('Cancel')]];", "export const EMPTY = l10n.t('No output yet.');", "class V { static readonly TITLE = l10n.t('Output'); }"];
    for (const snippet of atLoad) assert.strictEqual(scan('probe.ts', snippet, 'webview').length, 1, `should flag once: ${snippet}\n${JSON.stringify(scan('probe.ts', snippet, 'webview'))}`);
    const good = [
      "const x = h('div', { class: 'empty', text: l10n.t('No output yet.') });",
      "const x = h('input', { attrs: { type: 'search', placeholder: l10n.t('Find in output'), 'aria-label': l10n.t('Find in output'), id: 'find-output' } });",
      "const x = h('label', { class: 'follow' }, box, ` ${l10n.t('Follow tail')}`);",
      "const x = h('span', { class: 'codicon codicon-copy', attrs: { 'aria-hidden': 'true', role: 'status' } }, ' ', run.name);",
      "const x = button(l10n.t('Copy All'), 'copy', () => copy(), { secondary: true, title: l10n.t('Copy all kept events') });",
      "const c = iconButton('copy', l10n.t('Copy this event'), () => copy());",
      "this.countLabel.textContent = n === 1 ? l10n.t('1 event') : l10n.t('{0} events', n);",
      "this.streamLine.append(icon(ic), ' ', text ? l10n.t('{0}: {1}', label, text) : label);",
      "row.setAttribute('aria-expanded', 'true'); row.setAttribute('data-kind', 'event row');",
      "log('warn', `unknown message from the extension: ${type}`); void request({ type: 'copy', text: JSON.stringify(data) });",
      "log('error', `Handling ${type} failed`); console.warn('Not shown'); if (e.key === 'Page Down') go(); const m: 'Some Mode' | 'Other' = 'Other';",
    ];
    for (const snippet of good) assert.deepStrictEqual(scan('probe.ts', inFunction(snippet), 'webview'), [], `should accept: ${snippet}`);
    // Translated where it is shown: in a function, a method, a constructor, an instance field.
    const deferred = "const actions = () => [['cancel', l10n.t('Cancel')]]; class V { readonly el = h('section', { attrs: { 'aria-label': l10n.t('Output') } }); show() { return l10n.t('Shown'); } }";
    assert.deepStrictEqual(scan('probe.ts', deferred, 'webview'), [], `should accept: ${deferred}`);
  });

  it('finds every file of src/ui and src/webview', () => {
    const files = tsFiles(uiDir);
    assert.ok(files.length > 20, `expected the src/ui sources, found ${files.length}`);
    const webviewFiles = tsFiles(webviewDir).map((f) => path.basename(f));
    for (const f of ['main.ts', 'output.ts', 'header.ts', 'details.ts', 'resume.ts', 'create.ts', 'editor.ts', 'jsonTree.ts', 'dom.ts']) assert.ok(webviewFiles.includes(f), `src/webview/${f} is scanned`);
  });

  it('wraps every user-facing string of src/ui in vscode.l10n.t and of src/webview in l10n.t', () => {
    const problems = allFindings()
      .filter((f) => !allowed(f.file, f.literal))
      .map((f) => `src/${f.file}:${f.line} ${f.why}: ${JSON.stringify(f.literal)}`);
    assert.deepStrictEqual(problems, [], `wrap these in vscode.l10n.t(...) / l10n.t(...) (or add them to ALLOWED with a reason):\n${problems.join('\n')}`);
  });

  it('keeps its allow-list to literals that are still there', () => {
    const findings = allFindings();
    for (const a of ALLOWED) {
      assert.ok(a.reason.length > 10, `${a.file}: ${String(a.literal)} has a reason`);
      assert.ok(fs.existsSync(path.join(srcDir, a.file)), `${a.file} (allow-list) exists`);
      const used = findings.some((f) => f.file === a.file && (typeof a.literal === 'string' ? a.literal === f.literal : a.literal.test(f.literal)));
      assert.ok(used, `${a.file}: ${String(a.literal)} no longer occurs untranslated: delete its entry`);
    }
  });

  it('gives the tree, status bar, notifications and the run panel the same status words (in English)', () => {
    // src/ui translates them with vscode.l10n.t (statusIcon.ts), the webview with @vscode/l10n (l10n.ts);
    // in English both say src/shared/time.ts STATUS_LABELS (which the end-to-end tests look for).
    const tree = statusWords(path.join(uiDir, 'tree', 'statusIcon.ts'));
    const panel = statusWords(path.join(webviewDir, 'l10n.ts'));
    assert.deepStrictEqual(Object.keys(tree).sort(), [...RUN_STATUSES].sort(), 'statusIcon.ts words every status');
    assert.deepStrictEqual(tree, { ...STATUS_LABELS });
    assert.deepStrictEqual(panel, { ...STATUS_LABELS }, 'src/webview/l10n.ts statusLabel words every status as the tree does');
  });

  it('sends the host\'s translations with every init message, and the webview uses them before it builds a view', () => {
    // Host: each `{ type: 'init', ... }` the panels post spreads `this.l10nInit()`, which reads vscode.l10n.bundle.
    const inits: string[] = [];
    for (const full of tsFiles(uiDir)) {
      const sf = parse(full);
      const visit = (node: ts.Node): void => {
        if (ts.isObjectLiteralExpression(node) && node.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'type' && literalText(p.initializer) === 'init')) {
          const where = `${path.relative(srcDir, full)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
          const carries = node.properties.some((p) => (ts.isSpreadAssignment(p) && /^this\.l10nInit\(\)$/.test(p.expression.getText(sf))) || (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'l10n'));
          inits.push(`${where} ${carries ? 'carries' : 'LACKS'} the bundle`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    assert.ok(inits.length >= 3, `the run panel's and Create Run's init messages are found: ${inits.join('; ')}`);
    assert.deepStrictEqual(inits.filter((i) => i.includes('LACKS')), [], 'every init message carries ...this.l10nInit()');
    const base = parse(path.join(uiDir, 'panel', 'panelBase.ts'));
    let readsBundle = false;
    const visitBase = (node: ts.Node): void => {
      if (ts.isMethodDeclaration(node) && node.name.getText(base) === 'l10nInit') readsBundle = /l10nField\(vscode\.l10n\.bundle\)/.test(node.body?.getText(base) ?? '');
      ts.forEachChild(node, visitBase);
    };
    visitBase(base);
    assert.ok(readsBundle, 'PanelBase.l10nInit() returns l10nField(vscode.l10n.bundle)');

    // Webview: the init case configures @vscode/l10n from the message before anything else.
    const main = parse(path.join(webviewDir, 'main.ts'));
    let first: string | undefined;
    const visitMain = (node: ts.Node): void => {
      if (ts.isCaseClause(node) && literalText(node.expression) === 'init') {
        const body = node.statements.length === 1 && ts.isBlock(node.statements[0]) ? node.statements[0].statements : node.statements;
        first = body[0]?.getText(main);
      }
      ts.forEachChild(node, visitMain);
    };
    visitMain(main);
    assert.strictEqual(first, 'configureL10n(message.l10n);', 'src/webview/main.ts: case \'init\' starts with configureL10n(message.l10n)');
  });
});
