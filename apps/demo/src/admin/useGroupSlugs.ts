import { useAllGroups } from './useAllGroups';

/** Every group's slug by id (all pages), so tables can show slugs where the API gives ids. */
export function useGroupSlugs(): ReadonlyMap<string, string> {
  const groups = useAllGroups();
  return new Map(groups.data?.map((g) => [g.id, g.slug]));
}
