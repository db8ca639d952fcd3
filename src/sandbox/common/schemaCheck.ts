import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** JSON-schema checks of request bodies (ACP resume payloads, run inputs): a message, or undefined when valid. */
export class SchemaCheck {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly cache = new Map<object, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  check(schema: object, value: unknown, label: string): string | undefined {
    let v = this.cache.get(schema);
    if (!v) {
      v = this.ajv.compile(schema);
      this.cache.set(schema, v);
    }
    if (v(value)) return undefined;
    const errs = (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
    return `${label} does not match the schema: ${errs.join('; ')}`;
  }
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
