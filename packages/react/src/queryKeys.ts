/**
 * Query-key factory. Every key starts with `['groupkit', userId]`, so switching or signing
 * out a user drops exactly that user's cache.
 * @example queryClient.invalidateQueries({ queryKey: groupKitKeys.user('u_ada') })
 */
export const groupKitKeys = {
  all: ['groupkit'] as const,
  user: (userId: string) => ['groupkit', userId] as const,
  session: (userId: string, groupId: string | null) =>
    ['groupkit', userId, 'session', groupId] as const,
};
