/** How much of an unexpected body is quoted in messages. */
const SNIPPET_CHARS = 120;

/** First characters of a body, whitespace collapsed, for "expected JSON but got ..." messages. */
export function snippet(text: string, max = SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function isJsonContentType(contentType: string | null): boolean {
  return !!contentType && /[/+]json\b/i.test(contentType);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses a JSON document; the error names what was received instead (never throws). */
export function parseJsonData(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `not valid JSON (${reason}): ${JSON.stringify(snippet(text, 80))}` };
  }
}

/** Describes a body that is not what was expected: its content type and first bytes. */
export function describeBody(contentType: string | null, text: string): string {
  const type = contentType ? contentType.split(';')[0].trim() : 'no content type';
  return text.trim() ? `${type}: ${JSON.stringify(snippet(text))}` : `${type}, empty body`;
}
