/**
 * KFP list queries: the JSON `filter` (filter.proto predicates), `sort_by` ("field [asc|desc]") and paging.
 * Predicate values may use proto field names or their JSON camelCase forms, as grpc-gateway accepts both.
 */
import { HttpError } from '../common/errors';
import { keysetPage, compareBy, type SortSpec, type SortValue } from '../common/paging';

export type Getter<T> = (item: T) => SortValue | undefined;

interface Predicate {
  key: string;
  op: string;
  values: (string | number)[];
}

const OPS = new Set(['EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'GREATER_THAN_EQUALS', 'LESS_THAN', 'LESS_THAN_EQUALS', 'IN', 'IS_SUBSTRING']);

export function parseFilter(raw: string | null): Predicate[] {
  if (!raw) return [];
  let f: unknown;
  try {
    f = JSON.parse(raw);
  } catch {
    throw new HttpError(400, `Invalid input error: failed to parse the filter "${raw}": it must be a JSON-serialized Filter`);
  }
  const preds = (f as { predicates?: unknown }).predicates;
  if (preds === undefined) return [];
  if (!Array.isArray(preds)) throw new HttpError(400, 'Invalid input error: filter.predicates must be an array');
  return preds.map((p: Record<string, unknown>) => {
    const op = String(p.operation ?? p.op ?? '');
    if (!OPS.has(op)) throw new HttpError(400, `Invalid input error: unknown filter operation "${op}"`);
    const key = String(p.key ?? '');
    const list = (p.string_values ?? p.stringValues ?? p.int_values ?? p.intValues ?? p.long_values ?? p.longValues) as { values?: unknown[] } | undefined;
    const single = p.string_value ?? p.stringValue ?? p.int_value ?? p.intValue ?? p.long_value ?? p.longValue ?? p.timestamp_value ?? p.timestampValue;
    const values = (list?.values ?? (single === undefined ? [] : [single])).map((v) => (typeof v === 'number' ? v : String(v)));
    return { key, op, values };
  });
}

function cmp(a: SortValue, b: string | number): number {
  if (typeof a === 'number') {
    const n = typeof b === 'number' ? b : /^\d+$/.test(b) ? Number(b) : Date.parse(b);
    return a - n;
  }
  return a < String(b) ? -1 : a > String(b) ? 1 : 0;
}

export function applyFilter<T>(items: T[], preds: Predicate[], fields: Record<string, Getter<T>>): T[] {
  for (const p of preds) {
    const get = fields[p.key];
    if (!get) throw new HttpError(400, `Invalid input error: filter key "${p.key}" is not supported (use one of ${Object.keys(fields).join(', ')})`);
  }
  return items.filter((it) =>
    preds.every((p) => {
      const v = fields[p.key](it);
      if (v === undefined) return p.op === 'NOT_EQUALS';
      const x = p.values[0];
      switch (p.op) {
        case 'EQUALS': return cmp(v, x) === 0;
        case 'NOT_EQUALS': return cmp(v, x) !== 0;
        case 'GREATER_THAN': return cmp(v, x) > 0;
        case 'GREATER_THAN_EQUALS': return cmp(v, x) >= 0;
        case 'LESS_THAN': return cmp(v, x) < 0;
        case 'LESS_THAN_EQUALS': return cmp(v, x) <= 0;
        case 'IN': return p.values.some((y) => cmp(v, y) === 0);
        case 'IS_SUBSTRING': return String(v).includes(String(x));
        default: return false;
      }
    }),
  );
}

export function parseSort<T>(raw: string | null, fields: Record<string, Getter<T>>, id: (t: T) => string, def: string): SortSpec<T> {
  const s = (raw ?? '').trim() || def;
  const [field, dir, ...rest] = s.split(/\s+/);
  if (rest.length || (dir && !/^(asc|desc)$/i.test(dir))) throw new HttpError(400, `Invalid input error: invalid sorting "${s}": use "field", "field asc" or "field desc"`);
  const get = fields[field];
  if (!get) throw new HttpError(400, `Invalid input error: cannot sort by "${field}" (use one of ${Object.keys(fields).join(', ')})`);
  return { key: (t) => get(t) ?? '', desc: /^desc$/i.test(dir ?? ''), id };
}

/** Filter, sort, page. `pageSize` 0 means the server default. */
export function listPage<T>(all: T[], q: { filter: string | null; sortBy: string | null; pageToken: string | null; pageSize: number }, fields: Record<string, Getter<T>>, id: (t: T) => string, defSort: string): { page: T[]; next: string; total: number } {
  if (q.pageSize < 0) throw new HttpError(400, `Invalid input error: page_size must not be negative, got ${q.pageSize}`);
  const size = Math.min(q.pageSize || 20, 200);
  const sort = parseSort(q.sortBy, fields, id, defSort);
  const items = applyFilter(all, parseFilter(q.filter), fields).sort(compareBy(sort));
  const { page, next } = keysetPage(items, sort, q.pageToken || null, size, `${q.sortBy ?? ''}|${q.filter ?? ''}`);
  return { page, next, total: items.length };
}
