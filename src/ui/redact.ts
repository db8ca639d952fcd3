/** Patterns that look like credentials even when we do not know the secret (tokens in URLs or headers). */
const PATTERNS: readonly RegExp[] = [
  /(authorization\s*[:=]\s*)(bearer\s+)?[^\s,;"']+/gi,
  /(x-api-key\s*[:=]\s*)[^\s,;"']+/gi,
  /([?&](?:token|access_token|api_key|apikey|key)=)[^&\s#]+/gi,
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/g,
];

const MASK = '***';

/** Removes known secrets and credential-shaped substrings from a line before it is logged or shown. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join(MASK);
  }
  for (const re of PATTERNS) {
    out = out.replace(re, (_m, prefix: string, bearer?: string) => `${prefix}${typeof bearer === 'string' ? bearer : ''}${MASK}`);
  }
  return out;
}
