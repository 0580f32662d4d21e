import type { GroupKitError } from '@groupkit/client';

/**
 * What every GroupKit data hook returns. Never `ready` before the first answer, so a
 * component cannot flash an empty state while loading.
 */
export type GroupKitResult<T> =
  | { status: 'loading'; data: undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: GroupKitError };

export function toResult<T>(query: {
  data: T | undefined;
  error: GroupKitError | null;
}): GroupKitResult<T> {
  const { data, error } = query;
  // One object literal for the three cases (fewer bytes on the provider's path): loading has
  // no data and a null error, ready a null error.
  return {
    status: error ? 'error' : data === undefined ? 'loading' : 'ready',
    data,
    error,
  } as GroupKitResult<T>;
}
