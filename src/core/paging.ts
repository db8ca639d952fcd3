/** One page of a list; `next` is opaque to the UI (a page token or an offset, as the API has). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
  readonly total?: number;
}

/** Filter the user set on a backend (status and name text), applied server-side where the API allows. */
export interface RunFilter {
  readonly statuses?: readonly import('./runStatus').RunStatus[];
  readonly text?: string;
}

export interface ListOptions {
  readonly pageSize: number;
  readonly cursor?: string;
  readonly filter?: RunFilter;
  readonly signal?: AbortSignal;
}
