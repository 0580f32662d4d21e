import { useState } from 'react';
import { FormError } from './FormError';
import { useConsoleSession } from './useConsoleSession';

/** Who is signed in, with which role, and the way out. */
export function ConsoleHeader() {
  const operator = useConsoleSession((state) => state.session?.operator);
  const signOut = useConsoleSession((state) => state.signOut);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!operator) return null;
  const leave = async () => {
    setPending(true);
    setError(null);
    try {
      await signOut();
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };
  return (
    <div className="demo-admin-operator">
      <p>
        Signed in as <strong data-testid="operator-email">{operator.email}</strong>{' '}
        <span className="demo-admin-role" data-testid="operator-role">
          {operator.role}
        </span>
      </p>
      <button type="button" onClick={leave} aria-disabled={pending}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      <FormError error={error} />
    </div>
  );
}
