import type { ReactNode } from 'react';
import { SignInPage, type SignInPageProps } from './SignInPage';
import { useConsoleSession } from './useConsoleSession';

/**
 * Shows `children` to a signed-in operator, the sign-in page to everyone else, and a status
 * line while the session is being checked (after a reload the cookie may still be good).
 */
export function ConsoleGate({ children, ...signIn }: SignInPageProps & { children: ReactNode }) {
  const status = useConsoleSession((state) => state.status);
  if (status === 'checking') return <p role="status">Checking your session…</p>;
  if (status === 'signedOut') return <SignInPage {...signIn} />;
  return children;
}
