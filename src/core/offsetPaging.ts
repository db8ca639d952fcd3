import type { ListOptions, Page } from './paging';

/** Largest `limit` the offset-paged APIs here accept (ACP, Agent Protocol, LangGraph all cap at 1000). */
export const MAX_OFFSET_LIMIT = 1000;

export interface OffsetWindow {
  readonly offset: number;
  /** What to ask the server for: one more than the page, so the last page is known without an empty fetch. */
  readonly limit: number;
  /** Cuts a server answer to the page and says where the next one starts (undefined on the last page). */
  slice<T>(items: readonly T[]): Page<T>;
}

/** Offset paging for APIs that return bare arrays without a total: the cursor is the offset as text. */
export function offsetWindow(options: Pick<ListOptions, 'pageSize' | 'cursor'>, max: number = MAX_OFFSET_LIMIT): OffsetWindow {
  const parsed = Number(options.cursor ?? '0');
  const offset = Number.isInteger(parsed) && parsed > 0 ? parsed : 0;
  const size = Math.max(1, Math.min(options.pageSize, max));
  const limit = Math.min(size + 1, max);
  return {
    offset,
    limit,
    slice<T>(items: readonly T[]): Page<T> {
      // With limit = size + 1 an extra item means more; at the cap a full page may be followed by more.
      const more = limit > size ? items.length > size : items.length >= size;
      return { items: items.slice(0, size), ...(more ? { next: String(offset + size) } : {}) };
    },
  };
}

/** Case-insensitive substring match of the user's filter text against any of the fields (no text = match). */
export function matchesText(text: string | undefined, fields: readonly (string | undefined)[]): boolean {
  const needle = text?.trim().toLowerCase();
  if (!needle) return true;
  return fields.some((f) => f !== undefined && f.toLowerCase().includes(needle));
}
