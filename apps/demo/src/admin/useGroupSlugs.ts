import type { UserGroup } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { admin } from './adminClient';

/** Every group's slug by id (all pages), so tables can show slugs where the API gives ids. */
export function useGroupSlugs(): ReadonlyMap<string, string> {
  const groups = useQuery({
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
  return new Map(groups.data?.map((g) => [g.id, g.slug]));
}
