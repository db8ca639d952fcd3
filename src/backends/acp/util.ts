/** ACP errors are a bare JSON string (ErrorResponse); FastAPI-style `{detail}` is read too. */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string' && body.trim()) return body;
  if (body && typeof body === 'object') {
    const detail = (body as Record<string, unknown>)['detail'];
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) return detail.map((d) => (d && typeof d === 'object' ? String((d as Record<string, unknown>)['msg'] ?? JSON.stringify(d)) : String(d))).join('; ');
  }
  return undefined;
}

/** A JSON value shaped like an OpenAPI object schema (required and optional properties, typed placeholders). */
export function inputSkeleton(schema: unknown): Record<string, unknown> {
  const props = schema && typeof schema === 'object' ? (schema as Record<string, unknown>)['properties'] : undefined;
  if (!props || typeof props !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props as Record<string, unknown>)) {
    out[name] = placeholder(prop);
  }
  return out;
}

function placeholder(prop: unknown): unknown {
  const p = prop && typeof prop === 'object' ? (prop as Record<string, unknown>) : {};
  if ('default' in p) return p['default'];
  if (Array.isArray(p['enum']) && p['enum'].length) return p['enum'][0];
  switch (p['type']) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return inputSkeleton(p);
    default:
      return null;
  }
}
