'use client';
import type { GroupKitClient } from '@groupkit/client';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ChangeEnv } from './changeRunner';
import type { GroupKitLoaders } from './loaders';
import type { GroupKitStore } from './store';

/** What a provider shares with its hooks. */
export interface GroupKitContextValue {
  client: GroupKitClient;
  queryClient: QueryClient;
  userId: string | null;
  groupId: string | null;
  /** False when the provider was disabled or has no user: hooks then send nothing. */
  enabled: boolean;
  /** Client state of this provider and user (pending changes, failures, code lockout). */
  store: GroupKitStore;
  /** Query functions of the provider's resources. */
  loaders: GroupKitLoaders;
  /** What writes run with; `null` without a user. */
  changeEnv: ChangeEnv | null;
}

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

/** The nearest provider's context, or the one passed explicitly. */
export function useGroupKitContext(
  hookName: string,
  options?: GroupKitHookOptions,
): GroupKitContextValue {
  const fromTree = useContext(GroupKitContext);
  const value = options?.context ?? fromTree;
  if (!value) {
    throw new Error(
      `${hookName} needs a <GroupKitProvider> above it in the tree: wrap your app in <GroupKitProvider apiKey="pk_..." userId={user.id}>, or pass { context } explicitly.`,
    );
  }
  return value;
}
