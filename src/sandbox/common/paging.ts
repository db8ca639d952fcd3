import { HttpError } from './errors';

/** Sort value of an item: strings and numbers compare naturally. */
export type SortValue = string | number;

export interface SortSpec<T> {
  key: (item: T) => SortValue;
  desc: boolean;
  /** Stable tie-break, e.g. the id. */
  id: (item: T) => string;
}

function cmpKeys(desc: boolean, ak: SortValue, ai: string, bk: SortValue, bi: string): number {
  let c = ak < bk ? -1 : ak > bk ? 1 : 0;
  if (c === 0) c = ai < bi ? -1 : ai > bi ? 1 : 0;
  return desc ? -c : c;
}

export function compareBy<T>(s: SortSpec<T>): (a: T, b: T) => number {
  return (a, b) => cmpKeys(s.desc, s.key(a), s.id(a), s.key(b), s.id(b));
}

interface KeysetToken {
  k: SortValue;
  i: string;
  /** Fingerprint of sort+filter: a token from another query is rejected, as KFP does. */
  q: string;
}

/**
 * Keyset paging (what KFP does): the token holds the last item's sort key and id, so runs created
 * between two page requests do not shift the next page.
 */
export function keysetPage<T>(sorted: T[], s: SortSpec<T>, token: string | null, size: number, query: string): { page: T[]; next: string } {
  let start = 0;
  if (token) {
    const t = decodeToken<KeysetToken>(token);
    if (t.q !== query) throw new HttpError(400, 'Invalid page token: it belongs to a different query');
    start = sorted.findIndex((x) => cmpKeys(s.desc, s.key(x), s.id(x), t.k, t.i) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + size);
  const last = page[page.length - 1];
  const next = start + size < sorted.length && last ? encodeToken({ k: s.key(last), i: s.id(last), q: query } satisfies KeysetToken) : '';
  return { page, next };
}

export function encodeToken(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new HttpError(400, `Invalid page token "${token}"`);
  }
}
