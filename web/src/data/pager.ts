/**
 * Forward-only cursor pagination made two-way: the server pages with `first`/`after`, so the page
 * remembers the `after` cursor of every page it has visited to go back.
 */
export interface Pager {
  /** `after` of each visited page; the last one is the current page's (null for page 1). */
  readonly afters: readonly (string | null)[];
}

/** Page 1. */
export const firstPage: Pager = { afters: [null] };

/** The current page's `after` argument. */
export function currentAfter(pager: Pager): string | null {
  return pager.afters[pager.afters.length - 1] ?? null;
}

/** 1-based number of the current page. */
export function pageNumber(pager: Pager): number {
  return pager.afters.length;
}

/** The next page, starting after `endCursor` of the current one. */
export function nextPage(pager: Pager, endCursor: string): Pager {
  return { afters: [...pager.afters, endCursor] };
}

/** The previous page (page 1 stays page 1). */
export function previousPage(pager: Pager): Pager {
  return pager.afters.length > 1 ? { afters: pager.afters.slice(0, -1) } : pager;
}

/** Number of pages for `total` rows of `size`. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The sort after clicking a column header: same column flips direction; a new one starts in its natural order. */
export function toggleSort<F extends string>(
  current: { field: F; direction: 'ASC' | 'DESC' },
  field: F,
  numeric: boolean,
): { field: F; direction: 'ASC' | 'DESC' } {
  if (current.field === field) return { field, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' };
  return { field, direction: numeric ? 'DESC' : 'ASC' };
}
