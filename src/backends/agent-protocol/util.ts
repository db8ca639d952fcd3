/** Agent Protocol errors are `{code, message, metadata}`; LangGraph-based servers send zod issues or text. */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string' && body.trim()) return body;
  if (!body || typeof body !== 'object') return undefined;
  const o = body as Record<string, unknown>;
  if (typeof o['message'] === 'string' && o['message']) return typeof o['code'] === 'string' ? `${o['message']} (${o['code']})` : o['message'];
  if (typeof o['detail'] === 'string') return o['detail'];
  return undefined;
}
