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
  if (query.error) return { status: 'error', data: query.data, error: query.error };
  if (query.data === undefined) return { status: 'loading', data: undefined, error: null };
  return { status: 'ready', data: query.data, error: null };
}
