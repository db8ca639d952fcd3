import * as assert from 'assert';
import { lineColumn, parseJsonText, prettyJson } from '../../../src/shared/jsonText';

describe('shared: JSON text with positions', () => {
  it('parses what JSON.parse parses, with the same value', () => {
    for (const text of ['{}', '[]', '0', '-1.5e+3', 'true', 'null', '"a\\u00e9\\n\\"b"', ' { "a" : [1, {"b": null}], "c/d~e": "x" } ']) {
      const r = parseJsonText(text);
      assert.ok(r.ok, text);
      assert.deepStrictEqual(r.value, JSON.parse(text));
    }
  });

  it('gives every value its range by JSON pointer (escaped per RFC 6901)', () => {
    const text = '{"a": [1, {"b": true}], "c/d~e": "x"}';
    const r = parseJsonText(text);
    assert.ok(r.ok);
    const at = (p: string) => {
      const range = r.ranges.get(p);
      return range ? text.slice(range.from, range.to) : undefined;
    };
    assert.strictEqual(at(''), text);
    assert.strictEqual(at('/a'), '[1, {"b": true}]');
    assert.strictEqual(at('/a/0'), '1');
    assert.strictEqual(at('/a/1/b'), 'true');
    assert.strictEqual(at('/c~1d~0e'), '"x"');
  });

  const bad: Array<[string, RegExp, number, number]> = [
    ['{"a": 1,}', /Trailing comma/, 1, 8],
    ['{"a" 1}', /Expected ":"/, 1, 6],
    ['{a: 1}', /property name in double quotes/, 1, 2],
    ['[1, 2', /Expected "," or "\]" but found end of text/, 1, 6],
    ['{\n  "a": tru\n}', /Unexpected "t"/, 2, 8],
    ['"abc', /Unterminated string/, 1, 1],
    ['', /value is missing/, 1, 1],
    ['{} x', /after the value/, 1, 4],
    ['"\\x"', /Invalid escape/, 1, 2],
    ['01', /after the value/, 1, 2],
  ];
  for (const [text, message, line, column] of bad) {
    it(`reports ${JSON.stringify(text)} at line ${line}, column ${column}`, () => {
      const r = parseJsonText(text);
      assert.ok(!r.ok);
      assert.match(r.error.message, message);
      assert.strictEqual(r.error.line, line);
      assert.strictEqual(r.error.column, column);
      assert.ok(r.error.from <= text.length && r.error.to <= text.length && r.error.from <= r.error.to);
      assert.throws(() => JSON.parse(text), 'JSON.parse agrees that it is invalid');
    });
  }

  it('computes line and column', () => {
    assert.deepStrictEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
  });

  it('pretty-prints, and survives values JSON cannot hold', () => {
    assert.strictEqual(prettyJson({ a: 1 }), '{\n  "a": 1\n}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.strictEqual(prettyJson(cyclic), '[object Object]');
  });
});
