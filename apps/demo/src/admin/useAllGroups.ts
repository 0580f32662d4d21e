import type { UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useConsoleClient } from './useConsoleSession';

/**
 * Every user group (all pages, by the API's natural order), for pickers and lookups by id.
 * One query shared by every caller; writes refresh it like everything else.
 */
export function useAllGroups() {
  const admin = useConsoleClient();
  return useQuery({
    queryKey: ['groups', 'all'],
    queryFn: async ({ signal }) => {
      const all: UserGroup[] = [];
      for (let page = 1; ; page++) {
        const { data, total } = await admin.listUserGroups({ page, pageSize: 200 }, { signal });
        all.push(...data);
        if (data.length === 0 || all.length >= total) return all;
      }
    },
  });
}
