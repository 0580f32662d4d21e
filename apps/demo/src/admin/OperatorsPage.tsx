import type { CreatedOperator, Operator, OperatorRole } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { AddOperatorForm } from './AddOperatorForm';
import { FormError } from './FormError';
import { OneTimeSecret } from './OneTimeSecret';
import { OperatorRow } from './OperatorRow';
import { ScrollTable } from './ScrollTable';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient, useConsoleSession } from './useConsoleSession';

type Change = { operator: Operator; role: OperatorRole } | { operator: Operator; remove: true };

/**
 * Who can sign in to the console (owners only): add one with a role (the API makes a
 * password, shown once), change a role, remove one. The API keeps at least one owner
 * (409 `last_owner`, shown here).
 */
export function OperatorsPage() {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const me = useConsoleSession((state) => state.session?.operator.id);
  const recheck = useConsoleSession((state) => state.check);
  const [created, setCreated] = useState<CreatedOperator | null>(null);
  const [outcome, setOutcome] = useState('');
  const operators = useQuery({
    queryKey: ['operators'],
    queryFn: ({ signal }) => admin.listOperators({ signal }),
  });
  const change = useAdminMutation(
    async (change: Change) => {
      if ('remove' in change) await admin.deleteOperator(change.operator.id);
      else await admin.updateOperator(change.operator.id, { role: change.role });
    },
    (_, change) => {
      const { email } = change.operator;
      setOutcome('remove' in change ? `Removed ${email}.` : `${email} is now ${change.role}.`);
      if ('remove' in change) headingRef.current?.focus();
      // Your own role changed: what the console shows you changes with it.
      if (change.operator.id === me) void recheck();
    },
  );
  const list = operators.data ?? [];

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Operators
      </h2>
      <p className="demo-admin-hint">
        People who sign in to this console, and what their role lets them do.
      </p>
      <AddOperatorForm
        onCreated={(next) => {
          setOutcome(`Added ${next.operator.email} as ${next.operator.role}.`);
          setCreated(next);
        }}
      />
      {created?.password ? (
        <OneTimeSecret
          title={`Password for ${created.operator.email}`}
          noun="password"
          hint="Give it to them over a safe channel: it is shown only this once, and they sign in with it."
          value={created.password}
          onDone={() => {
            setCreated(null);
            headingRef.current?.focus();
          }}
        />
      ) : null}
      <p role="status">{outcome}</p>
      <FormError error={change.error} />
      {operators.isError ? <FormError error={operators.error} /> : null}
      <ScrollTable
        caption={
          operators.data
            ? `${list.length} ${list.length === 1 ? 'operator' : 'operators'}`
            : operators.isError
              ? 'Could not load the operators'
              : 'Loading operators…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.map((operator) => (
            <OperatorRow
              key={`${operator.id}:${operator.role}`}
              operator={operator}
              isYou={operator.id === me}
              pending={change.isPending}
              onChangeRole={(role) => {
                setOutcome('');
                change.mutate({ operator, role });
              }}
              onRemove={() => {
                setOutcome('');
                change.mutate({ operator, remove: true });
              }}
            />
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
