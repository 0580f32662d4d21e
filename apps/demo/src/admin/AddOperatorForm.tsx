import type { CreatedOperator, OperatorRole } from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { FormError } from './FormError';
import { OPERATOR_ROLES, ROLE_DESCRIPTIONS } from './roles';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';

/** Adds an operator with a role; the API makes their password (`onCreated` gets it, once). */
export function AddOperatorForm({ onCreated }: { onCreated: (created: CreatedOperator) => void }) {
  const admin = useConsoleClient();
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OperatorRole>('support');
  const add = useAdminMutation(
    () => admin.createOperator({ email: email.trim(), role }),
    (created) => {
      setEmail('');
      setRole('support');
      onCreated(created);
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!add.isPending) add.mutate(undefined);
  };
  return (
    <form
      className="demo-admin-form"
      onSubmit={submit}
      aria-label="Add an operator"
      aria-describedby={add.error ? `${id}-error` : undefined}
    >
      <div className="demo-admin-grid">
        <label>
          Email
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          Role
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as OperatorRole)}
            aria-describedby={`${id}-role`}
          >
            {OPERATOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={`${id}-role`} className="demo-admin-hint">
        {role}: {ROLE_DESCRIPTIONS[role]}.
      </p>
      <div className="demo-admin-actions">
        <button type="submit" aria-disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add operator'}
        </button>
      </div>
      <FormError error={add.error} id={`${id}-error`} />
    </form>
  );
}
