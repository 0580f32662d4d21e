import type { OperatorRole } from '@groupkit/client';
import { useContext } from 'react';
import { useStore } from 'zustand';
import type { ConsoleClient } from './consoleClient';
import type { ConsoleSessionState } from './consoleSessionStore';
import { ConsoleContext, type ConsoleContextValue } from './ConsoleSessionProvider';
import { roleAtLeast } from './roles';

function useConsoleContext(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) {
    throw new Error('Missing <ConsoleSessionProvider> in the tree: wrap the console in one.');
  }
  return value;
}

/** The console's API client (the operator's session; no key). */
export function useConsoleClient(): ConsoleClient {
  return useConsoleContext().client;
}

/** A slice of the console session (status, operator, actions). */
export function useConsoleSession<T>(selector: (state: ConsoleSessionState) => T): T {
  return useStore(useConsoleContext().store, selector);
}

/** The signed-in operator's role, or `null` when nobody is signed in. */
export function useOperatorRole(): OperatorRole | null {
  return useConsoleSession((state) => state.session?.operator.role ?? null);
}

/**
 * Whether the signed-in operator has at least `needed`: the console shows only what the
 * role may do (the API refuses the rest with 403 `role_forbidden` all the same).
 */
export function useHasRole(needed: OperatorRole): boolean {
  const role = useOperatorRole();
  return role !== null && roleAtLeast(role, needed);
}
