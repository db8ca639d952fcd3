/** Query values as the clients pass them; arrays repeat the key (`status=a&status=b`). */
export type QueryValue = string | number | boolean | undefined | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

/**
 * Joins a relative path to a base URL, keeping the base's path prefix (KFP behind a proxy:
 * `https://host/pipeline/` + `apis/v2beta1/runs`). `new URL(path, base)` would drop the prefix when
 * the base lacks a trailing slash or the path starts with one, so the join is done by hand.
 */
export function buildUrl(baseUrl: string, path: string, query?: Query): URL {
  const base = new URL(baseUrl);
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const [rawPath, rawQuery] = splitQuery(path.replace(/^\/+/, ''));
  base.pathname = prefix + rawPath;
  base.search = rawQuery;
  base.hash = '';
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) base.searchParams.append(key, v);
    else base.searchParams.append(key, String(value));
  }
  return base;
}

function splitQuery(path: string): [string, string] {
  const i = path.indexOf('?');
  return i < 0 ? [path, ''] : [path.slice(0, i), path.slice(i)];
}

/** Query parameters whose values may be secrets (tokens, keys, signatures); never logged or shown. */
const SECRET_PARAM = /token|key|secret|password|passwd|auth|jwt|sig|credential|code/i;

/** The URL as it may appear in logs and messages: no user info, secret-looking query values redacted. */
export function displayUrl(url: URL | string): string {
  const u = new URL(url.toString());
  u.username = '';
  u.password = '';
  for (const key of [...new Set(u.searchParams.keys())]) {
    if (SECRET_PARAM.test(key)) u.searchParams.set(key, 'REDACTED');
  }
  return u.toString();
}

/** `scheme://host:port` of a URL, for labels such as "KFP at http://127.0.0.1:1234". */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}
