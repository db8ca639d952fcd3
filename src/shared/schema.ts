// JSON-schema validation of user input (resume values, create-run bodies), with each problem placed at
// the text range of the value it is about. @cfworker/json-schema interprets schemas without eval, so it
// runs under the webview's strict CSP (no 'unsafe-eval'); the host uses the same code as a second check.
import { Validator, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { parseJsonText, type TextRange } from './jsonText';

export interface SchemaProblem {
  /** JSON pointer of the offending value ("" = the whole value). */
  readonly pointer: string;
  readonly message: string;
  /** Where it is in the text, when the text was given. */
  readonly range?: TextRange;
}

export type CheckResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly syntax: boolean; readonly problems: readonly SchemaProblem[] };

/** Aggregating keywords: their errors only repeat what a nested keyword says more precisely. */
const AGGREGATES = new Set(['properties', 'items', 'prefixItems', 'additionalItems', 'allOf', '$ref', '$recursiveRef', '$dynamicRef', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'if', 'then', 'else', 'contains', 'patternProperties']);

function draftOf(schema: Record<string, unknown>): SchemaDraft {
  const s = typeof schema['$schema'] === 'string' ? schema['$schema'] : '';
  if (s.includes('draft-04')) return '4';
  if (s.includes('draft-06') || s.includes('draft-07')) return '7';
  if (s.includes('2019-09')) return '2019-09';
  return '2020-12';
}

/** A schema worth validating against: an object or a boolean (anything else means "no schema"). */
export function usableSchema(schema: unknown): schema is Record<string, unknown> | boolean {
  return typeof schema === 'boolean' || (typeof schema === 'object' && schema !== null && !Array.isArray(schema));
}

function decodePointer(instanceLocation: string): string {
  const p = instanceLocation.startsWith('#') ? instanceLocation.slice(1) : instanceLocation;
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

/** The nearest range for a pointer: the value itself, else its closest ancestor that exists. */
export function rangeOf(ranges: ReadonlyMap<string, TextRange>, pointer: string): TextRange | undefined {
  let p = pointer;
  for (;;) {
    const r = ranges.get(p);
    if (r) return r;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Problems of `value` against `schema` (empty = valid). A schema the validator cannot use is reported as one problem. */
export function validateValue(value: unknown, schema: unknown, ranges?: ReadonlyMap<string, TextRange>): SchemaProblem[] {
  if (!usableSchema(schema)) return [];
  let units;
  try {
    // The validator annotates the schema it is given: work on a copy.
    const copy = JSON.parse(JSON.stringify(schema)) as Schema | boolean;
    const validator = new Validator(copy, typeof copy === 'boolean' ? '2020-12' : draftOf(copy), false);
    const result = validator.validate(value);
    if (result.valid) return [];
    units = result.errors;
  } catch (e) {
    return [{ pointer: '', message: `The schema could not be used to check the value: ${e instanceof Error ? e.message : String(e)}` }];
  }
  const leaves = units.filter((u) => !AGGREGATES.has(u.keyword) || !units.some((o) => o !== u && o.keywordLocation.startsWith(`${u.keywordLocation}/`)));
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const u of leaves.length ? leaves : units) {
    const pointer = decodePointer(u.instanceLocation);
    const message = `${pointer === '' ? 'The value' : pointer}: ${u.error}`;
    if (seen.has(message)) continue;
    seen.add(message);
    const range = ranges ? rangeOf(ranges, pointer) : undefined;
    problems.push({ pointer, message, ...(range ? { range } : {}) });
  }
  return problems;
}

/** Parses JSON text and validates it against a schema (when there is one): what the editors run before sending. */
export function checkJsonText(text: string, schema?: unknown): CheckResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const e = parsed.error;
    return { ok: false, syntax: true, problems: [{ pointer: '', message: `Not valid JSON: ${e.message}`, range: { from: e.from, to: e.to } }] };
  }
  const problems = validateValue(parsed.value, schema, parsed.ranges);
  return problems.length ? { ok: false, syntax: false, problems } : { ok: true, value: parsed.value };
}

/**
 * A starting value for a schema: its `default`, else its first `examples` entry, else an object built
 * from the properties' defaults/examples (required ones get a typed placeholder). Undefined when the
 * schema says nothing useful.
 */
export function exampleFor(schema: unknown, depth = 0): unknown {
  if (!usableSchema(schema) || typeof schema === 'boolean' || depth > 6) return undefined;
  if ('default' in schema) return schema['default'];
  if (Array.isArray(schema['examples']) && schema['examples'].length) return schema['examples'][0];
  if ('example' in schema) return schema['example'];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length) return schema['enum'][0];
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  const props = schema['properties'];
  if ((type === 'object' || (type === undefined && props)) && typeof props === 'object' && props !== null) {
    const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(props as Record<string, unknown>)) {
      const v = exampleFor(sub, depth + 1);
      if (v !== undefined) out[key] = v;
      else if (required.includes(key)) out[key] = placeholder(sub);
    }
    return out;
  }
  if (type === 'array') return [];
  return undefined;
}

function placeholder(schema: unknown): unknown {
  const type = usableSchema(schema) && typeof schema !== 'boolean' ? (Array.isArray(schema['type']) ? schema['type'][0] : schema['type']) : undefined;
  switch (type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    default:
      return {};
  }
}
