// JSON text with positions: parse errors at the exact offset (line/column), and the text range of every
// value by JSON pointer, so that schema errors can be shown where they are. Pure; runs in Node and browsers.

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

export interface JsonSyntaxError {
  readonly message: string;
  /** Offset of the offending character (or the end of the text). */
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
}

export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown; readonly ranges: ReadonlyMap<string, TextRange> }
  | { readonly ok: false; readonly error: JsonSyntaxError };

/** Line (1-based) and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

class Fail extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

const describe = (text: string, i: number): string => (i >= text.length ? 'end of text' : `"${text[i]}"`);

/**
 * Parses JSON text. On success: the value (as JSON.parse gives it) and the range of each value by
 * pointer ("" is the root, "/a/0" the first item of a). On failure: where and why, for an inline marker.
 */
export function parseJsonText(text: string): JsonTextResult {
  const ranges = new Map<string, TextRange>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const expect = (ch: string, what: string): void => {
    if (text[i] !== ch) throw new Fail(`Expected ${what} but found ${describe(text, i)}`, i);
    i++;
  };
  const str = (): string => {
    const start = i;
    expect('"', 'a string');
    for (;;) {
      if (i >= text.length) throw new Fail('Unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        break;
      }
      if (c < 0x20) throw new Fail('Control character in string (use an escape such as \\n)', i);
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail('Invalid \\u escape (needs 4 hex digits)', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new Fail(`Invalid escape \\${e ?? ''}`, i);
        }
        continue;
      }
      i++;
    }
    return JSON.parse(text.slice(start, i)) as string;
  };
  const num = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') throw new Fail(`Unexpected ${describe(text, i)}`, i);
    i += m[0].length;
  };
  const value = (pointer: string, depth: number): void => {
    if (depth > 512) throw new Fail('Nested too deeply', i);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') throw new Fail(`Expected a property name in double quotes but found ${describe(text, i)}`, i);
          const key = str();
          ws();
          expect(':', '":"');
          value(`${pointer}/${pointerSegment(key)}`, depth + 1);
          ws();
          if (text[i] === ',') {
            i++;
            ws();
            if (text[i] === '}') throw new Fail('Trailing comma before "}"', i - 1);
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          throw new Fail(`Expected "," or "}" but found ${describe(text, i)}`, i);
        }
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value(`${pointer}/${n}`, depth + 1);
          ws();
          if (text[i] === ',') {
            i++;
            ws();
            if (text[i] === ']') throw new Fail('Trailing comma before "]"', i - 1);
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          throw new Fail(`Expected "," or "]" but found ${describe(text, i)}`, i);
        }
      }
    } else if (c === '"') {
      str();
    } else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      if (text.slice(i, i + word.length) !== word) throw new Fail(`Unexpected ${describe(text, i)}`, i);
      i += word.length;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      num();
    } else {
      throw new Fail(i >= text.length ? 'Unexpected end of text: a value is missing' : `Unexpected ${describe(text, i)}`, i);
    }
    ranges.set(pointer, { from: start, to: i });
  };
  try {
    value('', 0);
    ws();
    if (i < text.length) throw new Fail(`Unexpected ${describe(text, i)} after the value`, i);
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const at = Math.min(e.at, text.length);
    const { line, column } = lineColumn(text, at);
    return { ok: false, error: { message: `${e.reason} (line ${line}, column ${column})`, from: at, to: Math.min(at + 1, text.length), line, column } };
  }
  return { ok: true, value: JSON.parse(text) as unknown, ranges };
}

/** Pretty JSON for editors and exports; text that is not JSON-serializable comes back as a string. */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
