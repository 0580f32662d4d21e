'use client';
import type { Session } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { type GroupKitHookOptions, useGroupKitContext } from './GroupKitContext';
import { sessionQueryOptions } from './sessionQueryOptions';

/**
 * The shared base of the data hooks: every hook selects its slice of the one session query,
 * so five hooks still mean one request, and each re-renders only when its slice changes.
 */
export function useSessionQuery<T>(
  hookName: string,
  select: (session: Session) => T,
  options?: GroupKitHookOptions,
) {
  const { client, queryClient, userId, groupId, enabled } = useGroupKitContext(hookName, options);
  return useQuery(
    {
      ...sessionQueryOptions({ client, userId: userId ?? '', groupId }),
      enabled,
      select,
    },
    queryClient,
  );
}
