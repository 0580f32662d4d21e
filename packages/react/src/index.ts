'use client';
export type { GroupKitContextValue, GroupKitHookOptions } from './GroupKitContext';
export { GroupKitContext, useGroupKitContext } from './GroupKitContext';
export type { GroupKitProviderProps } from './GroupKitProvider';
export { GroupKitProvider } from './GroupKitProvider';
export { groupKitKeys } from './queryKeys';
export type { GroupKitResult } from './result';
export type {
  SessionQueryKey,
  SessionQueryOptions,
  SessionQueryParams,
} from './sessionQueryOptions';
export { sessionQueryOptions } from './sessionQueryOptions';
export { useGroup } from './useGroup';
export { useMemberships } from './useMemberships';
