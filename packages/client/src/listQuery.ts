/** Paging, sorting and search of the lists (the full set needs the secret key). */
export interface ListParams<Sort extends string> {
  /**
   * Page, from 1.
   * @default 1
   */
  page?: number;
  /**
   * Items per page, at most 200.
   * @default 20
   */
  pageSize?: number;
  /**
   * Field to sort by.
   * @default the endpoint's natural order (directory: `order`, then name)
   */
  sortAttr?: Sort;
  /** @default 'asc' */
  sortDir?: 'asc' | 'desc';
  /**
   * Case-insensitive search.
   * @default undefined (no filter)
   * @example { searchText: 'beta' }
   */
  searchText?: string;
}

/**
 * The query string of `ListParams`. Its own module, apart from the admin methods: the
 * browser client's `listUserGroups` uses it, and a bundler splits by module.
 */
export function listQuery<Sort extends string>(params: ListParams<Sort>) {
  return {
    page: params.page,
    page_size: params.pageSize,
    sort_attr: params.sortAttr,
    sort_dir: params.sortDir,
    search_text: params.searchText,
  };
}
