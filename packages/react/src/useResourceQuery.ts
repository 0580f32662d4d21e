'use client';
import type { GroupKitError } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import type { Loader } from './loaders';
import { GROUPKIT_STALE_TIME } from './queryDefaults';

/**
 * The shared base of the data hooks: each reads one resource with a selector, so five hooks
 * still mean one request (the first load of every resource shares `GET /v1/session`), and a
 * component re-renders only when its selected slice changes.
 */
export function useResourceQuery<D, T>(
  hookName: string,
  queryKey: (userId: string, groupId: string) => readonly unknown[],
  load: Loader<D>,
  select: (data: D) => T,
  options?: GroupKitHookOptions,
) {
  const context = useGroupKitContext(hookName, options);
  return useQuery<D, GroupKitError, T>(
    {
      queryKey: queryKey(context.userId ?? '', context.groupId ?? ''),
      queryFn: ({ signal }) => load(context, signal),
      staleTime: GROUPKIT_STALE_TIME,
      enabled: context.enabled,
      select,
    },
    context.queryClient,
  );
}
