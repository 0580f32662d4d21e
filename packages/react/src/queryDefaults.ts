// GroupKit's query defaults, apart from the query options (which import React Query's
// `queryOptions`): the provider and the hooks need only these numbers.

/** Server state stays fresh this long: the user's own changes update the cache directly. */
export const GROUPKIT_STALE_TIME = 60_000;

/**
 * GroupKit's query defaults, set on its keys (`['groupkit', …]`) of whatever QueryClient the
 * provider uses, so a host's own client (with react-query's defaults: 3 retries, refetch on
 * focus) behaves like the private one: the same requests, one `onError` per failure.
 */
export const GROUPKIT_QUERY_DEFAULTS = {
  // Memberships change by the user's own actions, which update the cache directly;
  // refetching on every focus would only add requests.
  staleTime: GROUPKIT_STALE_TIME,
  refetchOnWindowFocus: false,
  // The client already retries reads with backoff; a second layer would multiply them.
  retry: false,
} as const;
