import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { ScrollTable } from './ScrollTable';

/**
 * The run log (what fired, for whom, from which path: `origin`, and the op for ordered
 * changes), optionally for one user.
 */
export function AutomationRuns({ slugs }: { slugs: ReadonlyMap<string, string> }) {
  const admin = useConsoleClient();
  const [typed, setTyped] = useState('');
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const runs = useQuery({
    queryKey: ['runs', userId ?? null],
    queryFn: ({ signal }) => admin.listAutomationRuns({ userId }, { signal }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setUserId(typed.trim() || undefined);
  };

  return (
    <>
      <form className="demo-admin-actions" onSubmit={submit} aria-label="Filter the run log">
        <label>
          Runs of user
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="u_ada"
          />
        </label>
        <button type="submit">Filter</button>
        <button
          type="button"
          onClick={() => {
            setTyped('');
            setUserId(undefined);
          }}
          disabled={userId === undefined}
        >
          Every user
        </button>
      </form>
      {runs.isError ? <FormError error={runs.error} /> : null}
      <ScrollTable
        caption={
          runs.data
            ? `${runs.data.length} runs${userId ? ` for ${userId}` : ''}, newest first`
            : runs.isError
              ? 'Could not load the runs'
              : 'Loading runs…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Automation</th>
            <th scope="col">User</th>
            <th scope="col">Trigger</th>
            <th scope="col">Op</th>
            <th scope="col">Origin</th>
            <th scope="col">At</th>
          </tr>
        </thead>
        <tbody>
          {[...(runs.data ?? [])].reverse().map((run) => (
            <tr key={run.id}>
              <th scope="row">{run.name}</th>
              <td>{run.userId}</td>
              <td>
                {run.event === 'added_to' ? 'added to' : 'removed from'}{' '}
                {slugs.get(run.groupId) ?? run.groupId}
              </td>
              <td>{run.opIndex ?? '—'}</td>
              <td>{run.origin}</td>
              <td>{formatInstant(run.at)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
