/** Agent Protocol errors are `{code, message, metadata}`; LangGraph-based servers send zod issues or text. */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string' && body.trim()) return body;
  if (!body || typeof body !== 'object') return undefined;
  const o = body as Record<string, unknown>;
  if (typeof o['message'] === 'string' && o['message']) return typeof o['code'] === 'string' ? `${o['message']} (${o['code']})` : o['message'];
  if (typeof o['detail'] === 'string') return o['detail'];
  return undefined;
}

const STREAM_MODES = ['values', 'messages', 'updates', 'custom'];
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  on_completion: ['delete', 'keep'],
  on_disconnect: ['cancel', 'continue'],
  if_not_exists: ['create', 'reject'],
};

/** What is wrong with a Create Run body by the spec's RunStream schema (checked before sending). */
export function runStreamProblem(body: Record<string, unknown>): string | undefined {
  const modes = body['stream_mode'];
  if (modes !== undefined) {
    const list = Array.isArray(modes) ? modes : [modes];
    const bad = list.find((m) => typeof m !== 'string' || !STREAM_MODES.includes(m));
    if (bad !== undefined) return `"stream_mode" must be one of ${STREAM_MODES.join(', ')} (or a list of them), not ${JSON.stringify(bad)}`;
  }
  for (const key of ['thread_id', 'agent_id', 'webhook']) {
    if (body[key] !== undefined && typeof body[key] !== 'string') return `"${key}" must be a string`;
  }
  for (const key of ['metadata', 'config']) {
    const v = body[key];
    if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) return `"${key}" must be an object`;
  }
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (body[key] !== undefined && !allowed.includes(String(body[key]))) return `"${key}" must be one of ${allowed.join(', ')}`;
  }
  return undefined;
}
