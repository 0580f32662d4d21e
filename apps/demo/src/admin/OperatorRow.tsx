import type { Operator, OperatorRole } from '@groupkit/client';
import { useState } from 'react';
import { ConfirmButton } from './ConfirmButton';
import { formatInstant } from './datetime';
import { OPERATOR_ROLES } from './roles';

export interface OperatorRowProps {
  operator: Operator;
  /** The signed-in operator's own row. */
  isYou: boolean;
  pending: boolean;
  onChangeRole: (role: OperatorRole) => void;
  onRemove: () => void;
}

/** One operator: email, role (changed with its own button), when they joined and last signed in. */
export function OperatorRow({
  operator,
  isYou,
  pending,
  onChangeRole,
  onRemove,
}: OperatorRowProps) {
  const [role, setRole] = useState<OperatorRole>(operator.role);
  return (
    <tr>
      <th scope="row">
        {operator.email}
        {isYou ? <span className="demo-admin-hint"> (you)</span> : null}
      </th>
      <td>
        <span className="demo-admin-row-actions">
          <select
            aria-label={`Role of ${operator.email}`}
            value={role}
            onChange={(e) => setRole(e.target.value as OperatorRole)}
          >
            {OPERATOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button
            type="button"
            aria-label={`Save the role of ${operator.email}`}
            onClick={() => onChangeRole(role)}
            disabled={pending || role === operator.role}
          >
            Save role
          </button>
        </span>
      </td>
      <td>{formatInstant(operator.createdAt)}</td>
      <td>{formatInstant(operator.lastSignInAt)}</td>
      <td className="demo-admin-row-actions">
        <ConfirmButton
          label={`Remove ${operator.email}`}
          question={`Remove ${operator.email}? They can no longer sign in${isYou ? ', and you are signed out' : ''}.`}
          confirmLabel="Yes, remove"
          onConfirm={onRemove}
          disabled={pending}
        >
          Remove
        </ConfirmButton>
      </td>
    </tr>
  );
}
