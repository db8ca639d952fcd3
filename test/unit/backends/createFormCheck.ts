// Shared checks of the Create Run form tests: a body against a form's schema, as the panel checks it.
import * as assert from 'assert';
import type { CreateRunForm } from '../../../src/core';
import { checkJsonText, validateValue, type SchemaProblem } from '../../../src/shared/schema';

export function problems(form: CreateRunForm, body: unknown): SchemaProblem[] {
  return validateValue(body, form.schema);
}

/** The template passes the schema. */
export function assertTemplateValid(form: CreateRunForm): void {
  assert.deepStrictEqual(problems(form, form.template), [], `template ${JSON.stringify(form.template)}`);
}

/** The body fails, with a problem at `pointer` (and a text range there when checked as text). */
export function assertFailsAt(form: CreateRunForm, body: unknown, pointer: string, message?: RegExp): void {
  const found = problems(form, body);
  assert.ok(
    found.some((p) => p.pointer === pointer && (!message || message.test(p.message))),
    `expected a problem at "${pointer}"${message ? ` matching ${String(message)}` : ''}, got ${JSON.stringify(found)}`,
  );
  const text = JSON.stringify(body, null, 2);
  const checked = checkJsonText(text, form.schema);
  assert.ok(!checked.ok);
  const at = checked.problems.find((p) => p.pointer === pointer);
  assert.ok(at?.range, `a text range for ${pointer}`);
}

export function withField(body: unknown, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
  return copy;
}
