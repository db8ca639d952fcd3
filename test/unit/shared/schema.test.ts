import * as assert from 'assert';
import { checkJsonText, exampleFor, validateValue } from '../../../src/shared/schema';

// The ACP sandbox's approval resume schema (src/sandbox/acp/agents.ts).
const APPROVAL = {
  type: 'object',
  required: ['approved'],
  properties: { interrupt_type: { const: 'approval' }, approved: { type: 'boolean' }, comment: { type: 'string' } },
  additionalProperties: false,
};

describe('shared: JSON-schema validation of user input (no eval: @cfworker/json-schema)', () => {
  it('accepts a valid value', () => {
    const r = checkJsonText('{"approved": true, "comment": "ok"}', APPROVAL);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.value, { approved: true, comment: 'ok' });
  });

  it('reports a syntax error before any schema check, at its place', () => {
    const text = '{"approved": tru}';
    const r = checkJsonText(text, APPROVAL);
    assert.ok(!r.ok);
    assert.strictEqual(r.syntax, true);
    assert.match(r.problems[0].message, /^Not valid JSON: .*line 1, column 14/);
    assert.strictEqual(r.problems[0].range?.from, 13);
  });

  it('places a wrong type at the offending value', () => {
    const text = '{\n  "approved": "yes"\n}';
    const r = checkJsonText(text, APPROVAL);
    assert.ok(!r.ok);
    assert.strictEqual(r.syntax, false);
    assert.strictEqual(r.problems.length, 1, JSON.stringify(r.problems));
    const p = r.problems[0];
    assert.strictEqual(p.pointer, '/approved');
    assert.match(p.message, /^\/approved: .*boolean/);
    assert.strictEqual(text.slice(p.range!.from, p.range!.to), '"yes"');
  });

  it('places a missing required property on its object, and an unknown one too', () => {
    const text = '{"comment": "x", "extra": 1}';
    const r = checkJsonText(text, APPROVAL);
    assert.ok(!r.ok);
    const messages = r.problems.map((p) => p.message).join('\n');
    assert.match(messages, /required property "approved"/);
    assert.match(messages, /extra/);
    for (const p of r.problems) assert.ok(p.range, 'every problem has a place');
  });

  it('checks only JSON when there is no (usable) schema', () => {
    assert.ok(checkJsonText('[1,2]').ok);
    assert.ok(checkJsonText('[1,2]', 'not a schema').ok);
    assert.ok(checkJsonText('[1,2]', null).ok);
    assert.deepStrictEqual(validateValue(1, true), []);
    assert.strictEqual(validateValue(1, false).length, 1);
  });

  it('reports a schema it cannot use instead of throwing', () => {
    const problems = validateValue({}, { $ref: '#/definitions/missing' });
    assert.strictEqual(problems.length, 1);
  });

  it('does not change the schema it is given', () => {
    const schema = JSON.parse(JSON.stringify(APPROVAL)) as Record<string, unknown>;
    validateValue({ approved: 1 }, schema);
    assert.deepStrictEqual(schema, APPROVAL);
  });

  it('nested arrays: the error points into the array item', () => {
    const schema = { type: 'object', properties: { items: { type: 'array', items: { type: 'integer' } } } };
    const text = '{"items": [1, 2, "three"]}';
    const r = checkJsonText(text, schema);
    assert.ok(!r.ok);
    assert.strictEqual(r.problems[0].pointer, '/items/2');
    assert.strictEqual(text.slice(r.problems[0].range!.from, r.problems[0].range!.to), '"three"');
  });

  it('prefills from defaults, examples, consts and typed placeholders for required properties', () => {
    assert.deepStrictEqual(exampleFor(APPROVAL), { interrupt_type: 'approval', approved: false });
    assert.deepStrictEqual(exampleFor({ default: { a: 1 } }), { a: 1 });
    assert.deepStrictEqual(exampleFor({ examples: [{ b: 2 }] }), { b: 2 });
    assert.deepStrictEqual(exampleFor({ type: 'object', properties: { n: { type: 'number', default: 3 }, s: { type: 'string' } }, required: ['s'] }), { n: 3, s: '' });
    assert.strictEqual(exampleFor(undefined), undefined);
    assert.strictEqual(exampleFor({ type: 'string' }), undefined);
  });
});
