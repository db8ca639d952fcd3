/**
 * Contract validation against the upstream API documents in `../shared/specs/` (Swagger 2.0 or OpenAPI 3.x,
 * JSON or YAML), with ajv (JSON Schema 2020-12 + ajv-formats). Reusable by every client's tests.
 *
 * API
 *   specsDir(): string                         where the specs are (walks up from here to a `shared/specs`
 *                                              folder; env RUNS_EXPLORER_SPECS_DIR overrides)
 *   loadSpec(file, {patches?}): Spec           file relative to specsDir(), e.g. 'kfp/run.swagger.master-7b70c7b.json';
 *                                              the SPEC_PATCHES that apply to the file are applied unless
 *                                              `patches: false` (or pass a list of patch names)
 *   responseValidator(spec, method, pathTemplate, status, contentType?): Validator
 *                                              the response body schema; falls back to `default`; a
 *                                              response without schema (204) accepts only an empty body
 *   requestValidator(spec, method, pathTemplate, contentType?): Validator
 *                                              the request body schema (Swagger `in: body` parameter or
 *                                              OpenAPI requestBody); throws if the operation takes no body
 *   parametersValidator(spec, method, pathTemplate): Validator
 *                                              validates {path, query, header} records of strings (values
 *                                              coerced to the declared types; required ones must be there)
 *   matchTemplate(spec, method, concretePath): string | undefined
 *                                              '/apis/v2beta1/runs/abc:archive' -> '/apis/v2beta1/runs/{run_id}:archive'
 *   operations(spec): {method, template}[]     every operation of the document
 *   assertValid(validator, data, label?)       throws an AssertionError listing the schema errors
 *   Validator = { validate(data): {valid: boolean; errors: string[]}; schema: unknown; where: string }
 *
 * A concrete path's base-URL prefix is the caller's business: pass paths as the spec writes them
 * (KFP '/apis/v2beta1/...', ICA '/v1/...', ACP and Agent Protocol '/runs...').
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

type Json = Record<string, unknown>;

export interface Spec {
  file: string;
  id: string;
  doc: Json;
  swagger2: boolean;
  patches: string[];
}

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

export interface Validator {
  validate(data: unknown): ValidationResult;
  schema: unknown;
  where: string;
}

export interface SpecPatch {
  /** Which spec files it applies to. */
  file: RegExp;
  /** The bug, with the MODELS.md reference. */
  why: string;
  apply(doc: Json): void;
}

/** Known spec bugs (specs/MODELS.md) and version skews, patched by name before validating. */
export const SPEC_PATCHES: Readonly<Record<string, SpecPatch>> = {
  'ap-runstream-required': {
    file: /agent-protocol\/openapi\.main-/,
    why: 'MODELS.md "Agent Protocol quirks": RunStream copies in required [run_id, created_at, updated_at, status, metadata] from Run, so every valid POST /runs and POST /runs/stream body would be rejected. The required list belongs to Run, which keeps its own copy.',
    apply(doc) {
      const rs = (((doc.components as Json).schemas as Json).RunStream as Json).allOf as Json[];
      for (const part of rs) delete part.required;
    },
  },
  'ap-e542994-error-object': {
    file: /agent-protocol\/openapi\.threads-runs-list-e542994/,
    why: 'Version skew (MODELS.md "Where the seed routes and the specs disagree"): e542994 declares ErrorResponse as a plain string; main (the version the sandbox and clients target) made it {code, message, metadata}. GET /threads/{thread_id}/runs exists only in e542994, so its error bodies are checked against main\'s ErrorResponse.',
    apply(doc) {
      ((doc.components as Json).schemas as Json).ErrorResponse = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, metadata: { type: 'object' } } };
    },
  },
};

export function specsDir(): string {
  const env = process.env.RUNS_EXPLORER_SPECS_DIR;
  if (env) return env;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'shared', 'specs');
    if (fs.existsSync(path.join(candidate, 'MODELS.md'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find shared/specs above ' + __dirname + ' (set RUNS_EXPLORER_SPECS_DIR)');
    dir = up;
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
// Swagger int64 strings (KFP): grpc-gateway writes them as decimal strings.
ajv.addFormat('int64', { type: 'string', validate: (s: string) => /^-?\d+$/.test(s) });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('float', { type: 'number', validate: () => true });
const cache = new Map<string, Spec>();

export function loadSpec(file: string, opts: { patches?: boolean | string[] } = {}): Spec {
  const names = opts.patches === false ? [] : Object.entries(SPEC_PATCHES).filter(([n, p]) => p.file.test(file) && (!Array.isArray(opts.patches) || opts.patches.includes(n))).map(([n]) => n);
  const key = `${file}|${names.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const text = fs.readFileSync(path.join(specsDir(), file), 'utf8');
  const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Json;
  for (const n of names) SPEC_PATCHES[n].apply(doc);
  const id = `https://specs.local/${encodeURIComponent(key)}`;
  ajv.addSchema(doc, id);
  const spec: Spec = { file, id, doc, swagger2: typeof doc.swagger === 'string', patches: names };
  cache.set(key, spec);
  return spec;
}

function operation(spec: Spec, method: string, template: string): Json {
  const p = (spec.doc.paths as Json)[template] as Json | undefined;
  if (!p) throw new Error(`${spec.file}: no path ${template}`);
  const op = p[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`${spec.file}: no ${method.toUpperCase()} ${template}`);
  return op;
}

function pointer(...tokens: string[]): string {
  return '#/' + tokens.map((t) => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function compile(spec: Spec, ptr: string, where: string, schema: unknown): Validator {
  const fn = ajv.compile({ $ref: spec.id + ptr });
  return {
    schema,
    where,
    validate(data) {
      const valid = fn(data) as boolean;
      return { valid, errors: valid ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`) };
    },
  };
}

export function responseValidator(spec: Spec, method: string, template: string, status: number | 'default', contentType = 'application/json'): Validator {
  const op = operation(spec, method, template);
  const responses = op.responses as Json;
  const code = String(status) in responses ? String(status) : 'default';
  const res = responses[code] as Json | undefined;
  const where = `${spec.file} ${method.toUpperCase()} ${template} -> ${code}`;
  if (!res) throw new Error(`${where}: no such response (and no default)`);
  const m = method.toLowerCase();
  if (spec.swagger2) {
    if (!res.schema) return emptyBody(where);
    return compile(spec, pointer('paths', template, m, 'responses', code, 'schema'), where, res.schema);
  }
  const content = res.content as Json | undefined;
  if (!content) return emptyBody(where);
  const ct = contentType in content ? contentType : Object.keys(content)[0];
  if (!(content[ct] as Json).schema) return emptyBody(where);
  return compile(spec, pointer('paths', template, m, 'responses', code, 'content', ct, 'schema'), `${where} (${ct})`, (content[ct] as Json).schema);
}

function emptyBody(where: string): Validator {
  return {
    schema: undefined,
    where: `${where} (no body)`,
    validate: (data) => (data === undefined || data === '' || data === null ? { valid: true, errors: [] } : { valid: false, errors: ['a body was sent where the spec declares none'] }),
  };
}

export function requestValidator(spec: Spec, method: string, template: string, contentType = 'application/json'): Validator {
  const op = operation(spec, method, template);
  const m = method.toLowerCase();
  const where = `${spec.file} ${method.toUpperCase()} ${template} request body`;
  if (spec.swagger2) {
    const params = (op.parameters as Json[] | undefined) ?? [];
    const i = params.findIndex((p) => p.in === 'body');
    if (i < 0) throw new Error(`${where}: the operation takes no body`);
    return compile(spec, pointer('paths', template, m, 'parameters', String(i), 'schema'), where, params[i].schema);
  }
  const rb = op.requestBody as Json | undefined;
  if (!rb) throw new Error(`${where}: the operation takes no body`);
  const content = rb.content as Json;
  const ct = contentType in content ? contentType : Object.keys(content)[0];
  return compile(spec, pointer('paths', template, m, 'requestBody', 'content', ct, 'schema'), where, (content[ct] as Json).schema);
}

export function parametersValidator(spec: Spec, method: string, template: string): Validator {
  const op = operation(spec, method, template);
  const pathItem = (spec.doc.paths as Json)[template] as Json;
  const params = [...(((pathItem.parameters as Json[] | undefined) ?? [])), ...(((op.parameters as Json[] | undefined) ?? []))].filter((p) => p.in !== 'body');
  const groups: Record<string, { type: 'object'; properties: Json; required: string[] }> = {};
  for (const p of params) {
    const g = (groups[String(p.in)] ??= { type: 'object', properties: {}, required: [] });
    const name = p.in === 'header' ? String(p.name).toLowerCase() : String(p.name);
    const schema = spec.swagger2 ? Object.fromEntries(Object.entries(p).filter(([k]) => ['type', 'format', 'enum', 'minimum', 'maximum', 'items', 'pattern', 'default'].includes(k))) : (p.schema as Json);
    g.properties[name] = schema;
    if (p.required) g.required.push(name);
  }
  const schema = { type: 'object', properties: groups };
  const coercing = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array' });
  addFormats(coercing);
  for (const f of ['int32', 'int64', 'double', 'float']) coercing.addFormat(f, true);
  const fn = coercing.compile(schema);
  const where = `${spec.file} ${method.toUpperCase()} ${template} parameters`;
  return {
    schema,
    where,
    validate(data) {
      const copy = JSON.parse(JSON.stringify(data ?? {})) as unknown;
      const valid = fn(copy) as boolean;
      return { valid, errors: valid ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`) };
    },
  };
}

export function operations(spec: Spec): { method: string; template: string }[] {
  const out: { method: string; template: string }[] = [];
  for (const [template, item] of Object.entries(spec.doc.paths as Json)) {
    for (const m of Object.keys(item as Json)) if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) out.push({ method: m.toUpperCase(), template });
  }
  return out;
}

export function matchTemplate(spec: Spec, method: string, concretePath: string): string | undefined {
  const candidates = operations(spec).filter((o) => o.method === method.toUpperCase());
  let best: { t: string; params: number } | undefined;
  for (const { template } of candidates) {
    const names = template.match(/\{[^}]+\}/g) ?? [];
    const re = new RegExp('^' + template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/:]+)') + '/?$');
    if (re.test(concretePath) && (!best || names.length < best.params)) best = { t: template, params: names.length };
  }
  return best?.t;
}

export function assertValid(v: Validator, data: unknown, label = ''): void {
  const r = v.validate(data);
  if (!r.valid) {
    const preview = JSON.stringify(data)?.slice(0, 400);
    assert.fail(`${label ? label + ': ' : ''}${v.where} rejected the data:\n  ${r.errors.slice(0, 12).join('\n  ')}\n  data: ${preview}`);
  }
}
