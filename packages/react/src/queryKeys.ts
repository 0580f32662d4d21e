/**
 * Query-key factory. Every key starts with `['groupkit', userId]`, so switching or signing
 * out a user drops exactly that user's cache.
 * @example queryClient.invalidateQueries({ queryKey: groupKitKeys.memberships('u_ada') })
 */
export const groupKitKeys = {
  all: ['groupkit'] as const,
  user: (userId: string) => ['groupkit', userId] as const,
  /** The mount request: everything at once, which then seeds the keys below. */
  session: (userId: string, groupId: string | null) =>
    ['groupkit', userId, 'session', groupId] as const,
  memberships: (userId: string) => ['groupkit', userId, 'memberships'] as const,
  /** The directory as this user's key sees it (active and scheduled groups). */
  userGroups: (userId: string) => ['groupkit', userId, 'user-groups'] as const,
  group: (userId: string, groupId: string) => ['groupkit', userId, 'group', groupId] as const,
};
