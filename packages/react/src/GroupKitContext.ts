'use client';
import { type ClientCore, type GroupKitClient, GroupKitError } from '@groupkit/client';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ChangeEnv, GroupKitErrorContext } from './changeRunner';
import type { GroupKitStore } from './store';

/** What a provider shares with its hooks. */
export interface GroupKitContextValue {
  /** What requests run on (key, base URL, fetch, retries). */
  core: ClientCore;
  /** The client given to the provider, if any (`useGroupKit().client` builds one otherwise). */
  client: GroupKitClient | null;
  queryClient: QueryClient;
  userId: string | null;
  groupId: string | null;
  /** False when the provider was disabled or has no user: hooks then send nothing. */
  enabled: boolean;
  /** Client state of this provider and user (pending changes, failures, code lockout). */
  store: GroupKitStore;
  /** The provider's `onError`. */
  onError: (error: GroupKitError, context: GroupKitErrorContext) => void;
  /** What writes run with; absent without a user or while disabled. */
  changeEnv?: ChangeEnv;
  /** The provider's `flowVersions`: server-defined flows pinned to a version, by flow id. */
  flowVersions?: Readonly<Record<string, number>>;
}

/**
 * The context a `<GroupKitProvider>` fills; read it with `useGroupKitContext`, or provide
 * one yourself in tests.
 */
export const GroupKitContext = createContext<GroupKitContextValue | null>(null);

/** Explicit dependencies a hook can take instead of the provider's (tests, two providers side by side). */
export interface GroupKitHookOptions {
  /**
   * Use this context instead of the nearest `<GroupKitProvider>`.
   * @default the nearest provider's
   * @example const ctx = useGroupKitContext('MyWidget'); useMemberships({ context: ctx })
   */
  context?: GroupKitContextValue;
}

/**
 * The nearest provider's context, or the one passed explicitly: what custom hooks build on.
 * @example
 * const { queryClient, userId } = useGroupKitContext('useMyGroupsWidget');
 */
export function useGroupKitContext(
  hookName: string,
  options?: GroupKitHookOptions,
): GroupKitContextValue {
  const fromTree = useContext(GroupKitContext);
  const value = options?.context ?? fromTree;
  if (!value) {
    throw new GroupKitError(
      'no_provider',
      process.env.NODE_ENV === 'production'
        ? `${hookName}: no <GroupKitProvider>`
        : `${hookName} needs a <GroupKitProvider> above it in the tree: wrap your app in <GroupKitProvider apiKey="pk_..." userId={user.id}>, or pass { context } explicitly.`,
    );
  }
  return value;
}
