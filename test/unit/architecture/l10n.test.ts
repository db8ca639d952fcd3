import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { RUN_STATUSES } from '../../../src/core';
import { STATUS_LABELS } from '../../../src/shared/time';

// Localisation: every user-facing string of src/ui goes through vscode.l10n.t(...) (so
// `@vscode/l10n-dev export` finds it and a bundle.l10n.<lang>.json can translate it). This test parses
// src/ui/**/*.ts and fails on a bare string literal where the UI shows text: message and button
// arguments, shown properties, tree item labels, webview panel titles and host-to-webview text, error
// messages (a command's failure is shown as a notification, a panel's as an error reply), literals handed
// to a same-file function at a `title`/`text`... parameter, and `const` variables of the file used there.
// It also checks that each l10n.t message has as many arguments as {n} placeholders.
// Pure modules of src/ui (no vscode import, unit-tested in Node) return data, not sentences: the words
// are chosen where vscode.l10n.t can be called (validateProfile.ts -> profileMessages.ts,
// notifications.ts -> notifier.ts).

const root = path.resolve(__dirname, '../../../..');
const uiDir = path.join(root, 'src', 'ui');

/** Functions whose string arguments are shown to the user (message text and button labels, Markdown text). */
const SHOWN_ARGS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage', 'appendText', 'appendMarkdown', 'createOutputChannel']);
/**
 * Object-literal properties and assigned properties that the UI shows (quick picks, input boxes, progress,
 * dialogs, tree items, status bar) or that the webview shows (`text` and `error` of host messages, the
 * Create Run `hint`). Also parameter names: a literal passed to a function of the same file at a
 * parameter called `title`, `text`... is shown by it.
 */
const SHOWN_PROPS = new Set(['title', 'prompt', 'placeHolder', 'placeholder', 'label', 'description', 'detail', 'tooltip', 'text', 'validationMessage', 'saveLabel', 'openLabel', 'error', 'hint']);
/** Errors whose message reaches the user (a command's error notification, a panel's error reply): constructor -> index of the message argument. */
const ERROR_MESSAGE_ARG: Readonly<Record<string, number>> = { Error: 0, TypeError: 0, RangeError: 0, BackendError: 1 };

/**
 * Allowed bare literals: `file` (relative to src/ui, forward slashes) and the literal's text. Each needs a
 * reason; only text that is not user-facing, or not translated on purpose, belongs here.
 */
const ALLOWED: Array<{ file: string; literal: string | RegExp; reason: string }> = [
  { file: 'log.ts', literal: 'Runs Explorer', reason: 'the log channel\'s name is the product name, which is not translated; it also names the log file' },
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

function isL10nT(node: ts.CallExpression): boolean {
  const e = node.expression;
  return ts.isPropertyAccessExpression(e) && e.name.text === 't' && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'l10n';
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
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) params.set(node.name.text, names(node));
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

/** Bare user-facing literals in one source file. */
export function scan(fileName: string, source: string): Finding[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const values = declaredValues(sf);
  const params = declaredParams(sf);
  const resolve: Resolve = (name) => values.get(name) ?? [];
  const findings: Finding[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const flag = (expr: ts.Expression, why: string): void => {
    for (const lit of bareLiterals(expr, resolve)) findings.push({ line: at(lit), literal: literalText(lit) ?? '', why });
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
      if (key && SHOWN_PROPS.has(key)) flag(node.initializer, `${key} property`);
      // A dialog's file filters: the keys are their shown names (`{ [vscode.l10n.t('JSON Lines')]: ['jsonl'] }`).
      if (key === 'filters' && ts.isObjectLiteralExpression(node.initializer)) {
        for (const p of node.initializer.properties) {
          const shown = p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) ? p.name.text : undefined;
          if (shown !== undefined && hasWords(shown)) findings.push({ line: at(p), literal: shown, why: 'file filter name' });
        }
      }
    } else if (ts.isShorthandPropertyAssignment(node)) {
      // `{ title }`: the variable of that name.
      if (SHOWN_PROPS.has(node.name.text)) flag(node.name, `${node.name.text} property`);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const key = node.left.name.text;
      if (SHOWN_PROPS.has(key)) flag(node.right, `.${key} assignment`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function uiFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return uiFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function allowed(file: string, literal: string): boolean {
  return ALLOWED.some((a) => a.file === file && (typeof a.literal === 'string' ? a.literal === literal : a.literal.test(literal)));
}

/** Every finding in src/ui, allowed or not: `file` relative to src/ui. */
function allFindings(): Array<Finding & { file: string }> {
  return uiFiles(uiDir).flatMap((full) => {
    const file = path.relative(uiDir, full).split(path.sep).join('/');
    return scan(file, fs.readFileSync(full, 'utf8')).map((f) => ({ ...f, file }));
  });
}

describe('Localisation: src/ui shows no hard-coded strings', () => {
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

  it('finds every file of src/ui', () => {
    const files = uiFiles(uiDir);
    assert.ok(files.length > 20, `expected the src/ui sources, found ${files.length}`);
  });

  it('wraps every user-facing string of src/ui in vscode.l10n.t', () => {
    const problems = allFindings()
      .filter((f) => !allowed(f.file, f.literal))
      .map((f) => `src/ui/${f.file}:${f.line} ${f.why}: ${JSON.stringify(f.literal)}`);
    assert.deepStrictEqual(problems, [], `wrap these in vscode.l10n.t(...) (or add them to ALLOWED with a reason):\n${problems.join('\n')}`);
  });

  it('keeps its allow-list and pending list to literals that are still there', () => {
    const findings = allFindings();
    for (const a of ALLOWED) {
      assert.ok(a.reason.length > 10, `${a.file}: ${String(a.literal)} has a reason`);
      assert.ok(fs.existsSync(path.join(uiDir, a.file)), `${a.file} (allow-list) exists`);
      const used = findings.some((f) => f.file === a.file && (typeof a.literal === 'string' ? a.literal === f.literal : a.literal.test(f.literal)));
      assert.ok(used, `${a.file}: ${String(a.literal)} no longer occurs untranslated: delete its entry`);
    }
  });

  it('gives the tree, status bar and notifications the run panel\'s status words (in English)', () => {
    // The webview cannot call vscode.l10n: it shows src/shared/time.ts STATUS_LABELS, in English. src/ui
    // translates its own copy (statusIcon.ts); both must say the same in English.
    const file = path.join(uiDir, 'tree', 'statusIcon.ts');
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const words: Record<string, string> = {};
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isCallExpression(node.initializer) && isL10nT(node.initializer)) {
        const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '';
        const first = node.initializer.arguments[0];
        if (first && ts.isStringLiteral(first)) words[key] = first.text;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    assert.deepStrictEqual(Object.keys(words).sort(), [...RUN_STATUSES].sort(), 'statusIcon.ts words every status');
    assert.deepStrictEqual(words, { ...STATUS_LABELS });
  });
});
