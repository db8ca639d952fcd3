import type { ZodErrorBody } from './wire';

/** LangGraph errors: zod validation issues (400/422), `{detail}` / `{message}` (Python servers), or text. */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string' && body.trim()) return body;
  if (!body || typeof body !== 'object') return undefined;
  const zod = body as ZodErrorBody;
  const issues = zod.error?.issues;
  if (Array.isArray(issues) && issues.length) {
    return issues.map((i) => `${i.path?.length ? `${i.path.join('.')}: ` : ''}${i.message ?? 'invalid'}`).join('; ');
  }
  const o = body as Record<string, unknown>;
  for (const key of ['detail', 'message', 'error']) {
    if (typeof o[key] === 'string' && o[key]) return o[key] as string;
  }
  return undefined;
}
