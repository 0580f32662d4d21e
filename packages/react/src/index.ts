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
export { GroupGate } from './GroupGate';
export type { GroupGateProps } from './GroupGate';
export type { GateRule } from './membershipMatch';
export { useGroup } from './useGroup';
export { useGroupGate } from './useGroupGate';
export { useGroupKit } from './useGroupKit';
export type { GroupKitState } from './useGroupKit';
export { useIsMember } from './useIsMember';
export { useMemberships } from './useMemberships';
