import type { Page } from './types';
import { expectOneOf, expectString, parsePaging } from './validate';

/**
 * The query every admin list endpoint shares, under the names the HTTP API uses, so an
 * error names the parameter the caller actually sent. Values arrive as query strings;
 * numbers are accepted too for callers that drive the engine directly.
 */
export interface ListQuery {
  page?: string | number;
  page_size?: string | number;
  sort_attr?: string;
  sort_dir?: string;
  search_text?: string;
}

export type SortDir = 'asc' | 'desc';

export interface ParsedListQuery<A extends string> {
  page: number;
  pageSize: number;
  /** `undefined`: the endpoint's default order. */
  sortAttr: A | undefined;
  sortDir: SortDir;
  /** Lower-cased and trimmed; `''` matches everything. */
  search: string;
}

const asText = (value: string | number | undefined) =>
  value === undefined ? undefined : String(value);

/** Checks a list query whole: 400 `validation_failed` naming the bad parameter. */
export function parseListQuery<A extends string>(
  query: ListQuery,
  sortAttrs: readonly A[],
): ParsedListQuery<A> {
  const { page, pageSize } = parsePaging(asText(query.page), asText(query.page_size));
  const sortAttr =
    query.sort_attr === undefined || query.sort_attr === ''
      ? undefined
      : expectOneOf(query.sort_attr, 'sort_attr', sortAttrs);
  const sortDir =
    query.sort_dir === undefined || query.sort_dir === ''
      ? 'asc'
      : expectOneOf(query.sort_dir, 'sort_dir', ['asc', 'desc'] as const);
  const search =
    query.search_text === undefined
      ? ''
      : expectString(query.search_text, 'search_text', { min: 0, max: 200 });
  return { page, pageSize, sortAttr, sortDir, search: search.trim().toLowerCase() };
}

/** One page of an already filtered and sorted list; a page past the end is empty, with the true total. */
export function paginate<T>(
  items: readonly T[],
  { page, pageSize }: { page: number; pageSize: number },
): Page<T> {
  const start = (page - 1) * pageSize;
  return pageOf(items.slice(start, start + pageSize), { page, pageSize }, items.length);
}

/** A page as every list answers it: `data` (the page's items), `page`, `pageSize`, `total`. */
export function pageOf<T>(
  data: T[],
  { page, pageSize }: { page: number; pageSize: number },
  total: number,
): Page<T> {
  return { data, page, pageSize, total };
}

/** Text order for people: `en` collation, as the directory already sorts names. */
export const compareText = (a: string, b: string) => a.localeCompare(b, 'en');

/** Whether any of the texts contains `search` (already lower-cased), ignoring case. */
export function matchesSearch(texts: readonly string[], search: string): boolean {
  return search === '' || texts.some((text) => text.toLowerCase().includes(search));
}

/** Applies a direction to an ascending comparator: `desc` is the exact reverse of `asc`. */
export function directed<T>(compare: (a: T, b: T) => number, dir: SortDir) {
  return dir === 'asc' ? compare : (a: T, b: T) => compare(b, a);
}
