import { type MembershipChangeResult, parseChangesSafe } from '@groupkit/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorMessage } from '../admin/consoleClient';
import { ConsoleGate } from '../admin/ConsoleGate';
import { ConsoleHeader } from '../admin/ConsoleHeader';
import { ConsoleSessionProvider } from '../admin/ConsoleSessionProvider';
import { useConsoleClient } from '../admin/useConsoleSession';
import { resetMockData } from '../devtools/mockSettings';
import { DEMO_USERS } from '../users';
import { ChangeOutcome, type Outcome } from './ChangeOutcome';

/**
 * Ordered membership changes, live: the same final state reached in another order fires
 * other automations (`-pro,+plus` vs `+plus,-pro`). It changes any manual group (Ada's `pro`
 * and `plus` are admin-only), so it runs on a console session: sign in as an admin or owner.
 * Mock-only and lazy.
 */
export function OrderedChangesPlayground({ signInHint }: { signInHint?: ReactNode }) {
  return (
    <ConsoleSessionProvider>
      <main className="demo-play">
        <h1>Ordered changes playground</h1>
        <p>
          Changes apply strictly in order, and automations look at the memberships right after each
          op. So <code>-pro,+plus</code> and <code>+plus,-pro</code> end in the same groups but fire
          different automations.
        </p>
        <ConsoleGate
          purpose="The playground changes any user’s groups, plan groups included: sign in as an admin or owner."
          hint={signInHint}
        >
          <ConsoleHeader />
          <Playground />
        </ConsoleGate>
      </main>
    </ConsoleSessionProvider>
  );
}

function Playground() {
  const admin = useConsoleClient();
  const id = useId();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string>(DEMO_USERS[0].id);
  const [changes, setChanges] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const parsed = parseChangesSafe(changes);
  const memberships = useQuery({
    queryKey: ['memberships', userId],
    queryFn: ({ signal }) => admin.listMemberships(userId, { signal }),
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => admin.changeMemberships(userId, changes, { dryRun }),
    onSuccess: async (result: MembershipChangeResult, dryRun) => {
      setOutcome({ dryRun, changes, userId, result });
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: ['memberships'] });
    },
  });
  const submit = (dryRun: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (parsed.ok) run.mutate(dryRun);
  };
  const userName = (uid: string) => DEMO_USERS.find((u) => u.id === uid)?.name ?? uid;
  const showInvalid = changes !== '' && !parsed.ok;

  return (
    <>
      <form className="demo-play-form" onSubmit={submit(true)} aria-label="Membership changes">
        <label>
          User
          <select
            value={userId}
            onChange={(e) => {
              setUserId(e.target.value);
              run.reset();
            }}
          >
            {DEMO_USERS.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Changes
          <input
            value={changes}
            onChange={(e) => setChanges(e.target.value)}
            placeholder="-pro,+plus"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={showInvalid}
            aria-describedby={`${id}-check`}
          />
        </label>
        <p
          id={`${id}-check`}
          className={showInvalid ? 'demo-play-check demo-play-invalid' : 'demo-play-check'}
          aria-live="polite"
        >
          {changes === ''
            ? 'Write ops like -pro,+plus: "+" adds to a group, "-" removes, in this order.'
            : parsed.ok
              ? `${parsed.ops.length} ${parsed.ops.length === 1 ? 'op' : 'ops'}: ${parsed.ops
                  .map((op) => `${op.op} ${op.group}`)
                  .join(', then ')}.`
              : `Op ${parsed.index}: ${parsed.message}`}
        </p>
        <div className="demo-play-actions">
          <button type="submit" disabled={!parsed.ok || run.isPending}>
            Preview (dry run)
          </button>
          <button type="button" onClick={submit(false)} disabled={!parsed.ok || run.isPending}>
            Apply
          </button>
          <button type="button" onClick={resetMockData}>
            Reset demo data
          </button>
        </div>
        {run.isError ? (
          <p role="alert" className="demo-play-error">
            {errorMessage(run.error)}
          </p>
        ) : null}
      </form>
      <div aria-live="polite" data-testid="outcome">
        {outcome ? <ChangeOutcome outcome={outcome} userName={userName(outcome.userId)} /> : null}
      </div>
      <section aria-labelledby={`${id}-now`} className="demo-play-section">
        <h2 id={`${id}-now`}>{userName(userId)}’s groups now</h2>
        {memberships.isError ? (
          <p role="alert" className="demo-play-error">
            {errorMessage(memberships.error)}
          </p>
        ) : (
          <ul aria-label={`${userName(userId)}’s groups`} className="demo-play-groups">
            {memberships.data?.map((m) => (
              <li key={m.groupId}>
                <code>{m.slug}</code> ({m.source})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
