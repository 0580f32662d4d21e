import type { UserGroup } from '@groupkit/client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { FormError } from './FormError';

/**
 * Finds a group by the integer id of the old API (`GET /v1/legacy-user-groups/{legacyId}`),
 * as support tickets and old exports still quote it, and opens it.
 */
export function LegacyIdLookup({ onFound }: { onFound: (group: UserGroup) => void }) {
  const admin = useConsoleClient();
  const id = useId();
  const [legacyId, setLegacyId] = useState('');
  const [found, setFound] = useState<UserGroup | null>(null);
  const lookup = useMutation({
    mutationFn: (value: number) => admin.getUserGroupByLegacyId(value),
    onMutate: () => setFound(null),
    onSuccess: (group) => {
      setFound(group);
      onFound(group);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookup.mutate(Number(legacyId));
  };

  return (
    <form
      className="demo-admin-actions demo-admin-lookup"
      onSubmit={submit}
      aria-label="Find a group by legacy id"
    >
      <label>
        Legacy id
        <input
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          required
          value={legacyId}
          onChange={(e) => setLegacyId(e.target.value)}
          aria-invalid={lookup.isError || undefined}
          aria-describedby={lookup.isError ? `${id}-error` : undefined}
        />
      </label>
      <button type="submit" disabled={lookup.isPending}>
        {lookup.isPending ? 'Finding…' : 'Find'}
      </button>
      <span role="status">
        {found
          ? `Legacy id ${found.legacyId} is “${found.name}” (${found.slug}): opened below.`
          : ''}
      </span>
      <FormError error={lookup.error} id={`${id}-error`} />
    </form>
  );
}
