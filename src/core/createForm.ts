// Helpers the backends use to describe their Create Run body as a JSON schema (see `Backend.createRunForm`).
import type { CreateRunChoice, CreateRunOption } from './backend';

export const JSON_SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';

export type JsonSchema = Record<string, unknown>;

/** A string restricted to the server's ids when it listed any; any non-empty string otherwise. */
export function idSchema(ids: readonly string[], description: string): JsonSchema {
  const unique = [...new Set(ids.filter((i) => i !== ''))];
  return unique.length ? { type: 'string', enum: unique, description } : { type: 'string', minLength: 1, description };
}

/** A schema an agent published, ready to be embedded: objects only; its own `$id` keeps its local `$ref`s working. */
export function embeddable(schema: unknown, id: string): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const { $schema: _ignored, ...rest } = schema as JsonSchema;
  if (Object.keys(rest).length === 0) return undefined;
  return { ...rest, $id: `urn:runs-explorer:${encodeURIComponent(id)}` };
}

/** `if body[key] === value then <then>`: per-agent (per-assistant) constraints inside one schema. */
export function when(key: string, value: string, then: JsonSchema): JsonSchema {
  return { if: { properties: { [key]: { const: value } }, required: [key] }, then };
}

/** A choice worth asking: more than one option. */
export function choice(key: string, title: string, options: readonly CreateRunOption[]): CreateRunChoice[] {
  return options.length > 1 ? [{ key, title, options }] : [];
}

/**
 * A starting value that satisfies a simple object schema: defaults and examples first, then typed
 * placeholders; a string that may not be empty gets `<name>` so the user sees what to replace.
 */
export function sampleFor(schema: unknown, name = 'value', depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || depth > 6) return {};
  const s = schema as JsonSchema;
  if ('default' in s) return s['default'];
  if (Array.isArray(s['examples']) && s['examples'].length) return s['examples'][0];
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum']) && s['enum'].length) return s['enum'][0];
  const type = Array.isArray(s['type']) ? s['type'][0] : s['type'];
  switch (type) {
    case 'string':
      return typeof s['minLength'] === 'number' && s['minLength'] > 0 ? `<${name}>` : '';
    case 'integer':
    case 'number':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    default: {
      const props = s['properties'];
      if (!props || typeof props !== 'object') return {};
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props as JsonSchema)) out[key] = sampleFor(sub, key, depth + 1);
      return out;
    }
  }
}
