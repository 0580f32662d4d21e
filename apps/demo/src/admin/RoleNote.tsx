import type { OperatorRole } from '@groupkit/client';
import { useOperatorRole } from './useConsoleSession';

/** Says that something is read-only or missing here because the operator's role is too low. */
export function RoleNote({ needed, what }: { needed: OperatorRole; what: string }) {
  const role = useOperatorRole();
  return (
    <p className="demo-admin-note" role="note">
      {what} needs the {needed} role; you are signed in as {role ?? 'nobody'}.
    </p>
  );
}
