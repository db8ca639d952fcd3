import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// Localisation: every user-facing string of src/ui goes through vscode.l10n.t(...) (so
// `@vscode/l10n-dev export` finds it and a bundle.l10n.<lang>.json can translate it). This test parses
// src/ui/**/*.ts and fails on a bare string literal where the UI shows text.

const root = path.resolve(__dirname, '../../../..');
const uiDir = path.join(root, 'src', 'ui');

/** Functions whose string arguments are shown to the user (message text and button labels). */
const SHOWN_ARGS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Object-literal properties and assigned properties that the UI shows (quick picks, input boxes, progress, tree items, status bar). */
const SHOWN_PROPS = new Set(['title', 'prompt', 'placeHolder', 'placeholder', 'label', 'description', 'detail', 'tooltip', 'text', 'validationMessage']);

/**
 * Allowed bare literals: `file` (relative to src/ui, forward slashes) and the literal's text. Each needs a reason.
 * The pure modules below are unit-tested in plain Node and must not import vscode.
 */
const ALLOWED: Array<{ file: string; literal: string | RegExp; reason: string }> = [
  // Validation messages of the pure profile validator (unit-tested in plain Node, no vscode import).
  { file: 'profiles/validateProfile.ts', literal: /.*/, reason: 'pure module without vscode; messages are validation text kept in English for now' },
  // Notification texts of the pure notifications module (test/unit/ui/notifications.test.ts runs it without vscode).
  { file: 'status/notifications.ts', literal: 'Run "${}" ${}.', reason: 'pure module without vscode; to translate, return structured data and word it in notifier.ts' },
  { file: 'status/notifications.ts', literal: '${} runs changed: ${}.', reason: 'pure module without vscode; as above' },
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

/** The literals a value expression can evaluate to without a call (through ?:, ??, ||, + and parentheses). */
function bareLiterals(node: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return bareLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...bareLiterals(node.whenTrue), ...bareLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return [...bareLiterals(node.left), ...bareLiterals(node.right)];
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...bareLiterals(node.left), ...bareLiterals(node.right)];
    return [];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => bareLiterals(e as ts.Expression));
  const text = literalText(node);
  return text !== undefined && hasWords(text) ? [node] : [];
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

/** Bare user-facing literals in one source file. */
export function scan(fileName: string, source: string): Finding[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const flag = (expr: ts.Expression, why: string): void => {
    for (const lit of bareLiterals(expr)) {
      findings.push({ line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1, literal: literalText(lit) ?? '', why });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && SHOWN_ARGS.has(name)) for (const arg of node.arguments) flag(arg, `${name} argument`);
      if (name === 'createWebviewPanel' && node.arguments[1]) flag(node.arguments[1], 'webview panel title');
      if (isL10nT(node)) {
        // l10n-dev export only finds static messages: the first argument must be a plain literal.
        const first = node.arguments[0];
        if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          findings.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, literal: first ? first.getText(sf) : '', why: 'l10n.t needs a literal message (use {0} placeholders)' });
        }
      }
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      if (name === 'TreeItem' && node.arguments?.[0]) flag(node.arguments[0], 'TreeItem label');
    } else if (ts.isPropertyAssignment(node)) {
      const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
      if (key && SHOWN_PROPS.has(key)) flag(node.initializer, `${key} property`);
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

describe('Localisation: src/ui shows no hard-coded strings', () => {
  it('flags a bare literal in a made-up snippet, and accepts the l10n.t form (self-check)', () => {
    const bad = [
      "vscode.window.showInformationMessage('Run cancelled');",
      "const pick = await vscode.window.showWarningMessage(vscode.l10n.t('Delete?'), { modal: true }, 'Delete');",
      "vscode.window.showQuickPick(items, { placeHolder: `Pick a run of ${name}` });",
      "const item = new vscode.TreeItem('Nothing here yet');",
      "item.tooltip = busy ? 'Busy' : vscode.l10n.t('Idle');",
      "vscode.window.showErrorMessage(vscode.l10n.t(`Failed: ${reason}`));",
    ];
    for (const snippet of bad) assert.strictEqual(scan('probe.ts', snippet).length, 1, `should flag: ${snippet}`);
    const good = [
      "vscode.window.showInformationMessage(vscode.l10n.t('Run {0} cancelled', run.id));",
      "const b = vscode.l10n.t('Delete'); const pick = await vscode.window.showWarningMessage(vscode.l10n.t('Delete?'), { modal: true }, b);",
      "const item = new vscode.TreeItem(run.name); item.description = ''; item.tooltip = server.message;",
      "status.text = `$(pulse) ${count}`;",
      "const o = { label: '$(add)', id: 'x' };",
    ];
    for (const snippet of good) assert.deepStrictEqual(scan('probe.ts', snippet), [], `should accept: ${snippet}`);
  });

  it('finds every file of src/ui', () => {
    const files = uiFiles(uiDir);
    assert.ok(files.length > 20, `expected the src/ui sources, found ${files.length}`);
  });

  it('wraps every user-facing string of src/ui in vscode.l10n.t', () => {
    const problems: string[] = [];
    for (const full of uiFiles(uiDir)) {
      const rel = path.relative(uiDir, full).split(path.sep).join('/');
      for (const f of scan(rel, fs.readFileSync(full, 'utf8'))) {
        if (!allowed(rel, f.literal)) problems.push(`src/ui/${rel}:${f.line} ${f.why}: ${JSON.stringify(f.literal)}`);
      }
    }
    assert.deepStrictEqual(problems, [], `wrap these in vscode.l10n.t(...) (or add them to ALLOWED with a reason):\n${problems.join('\n')}`);
  });

  it('keeps its allow-list to files that exist', () => {
    for (const a of ALLOWED) assert.ok(fs.existsSync(path.join(uiDir, a.file)), `${a.file} (allow-list) exists`);
  });
});
