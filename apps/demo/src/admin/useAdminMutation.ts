import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A write that refreshes everything the console shows once it succeeds: one change (a rule
 * set, a member, a user's attributes) moves counts, populations and lists everywhere.
 * `isPending` stays true until the refetch is done, so forms stay disabled until then.
 */
export function useAdminMutation<Variables, Data>(
  mutationFn: (variables: Variables) => Promise<Data>,
  onSuccess?: (data: Data, variables: Variables) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (data, variables) => {
      onSuccess?.(data, variables);
      await queryClient.invalidateQueries();
    },
  });
}
