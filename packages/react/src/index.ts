'use client';
export type { GroupKitContextValue, GroupKitHookOptions } from './GroupKitContext';
export { GroupKitContext, useGroupKitContext } from './GroupKitContext';
export type { GroupKitProviderProps } from './GroupKitProvider';
export { GroupKitProvider } from './GroupKitProvider';
export { groupKitKeys } from './queryKeys';
export type { GroupKitResult, GroupKitWriteState } from './result';
export type {
  SessionQueryKey,
  SessionQueryOptions,
  SessionQueryParams,
} from './sessionQueryOptions';
export { sessionQueryOptions } from './sessionQueryOptions';
export type {
  GroupKitQueryOptions,
  GroupQueryKey,
  MembershipsQueryKey,
  UserGroupsQueryKey,
  UserQueryParams,
} from './resourceQueryOptions';
export {
  groupQueryOptions,
  membershipsQueryOptions,
  userGroupsQueryOptions,
} from './resourceQueryOptions';
export type {
  ChangeMembershipsOptions,
  GroupKitErrorContext,
  GroupKitOutcome,
  RedeemCodeOptions,
} from './changeRunner';
export type {
  FlowProgress,
  GroupKitStorage,
  GroupKitStore,
  GroupKitStoreOptions,
  GroupKitStoreState,
  PendingChange,
  PendingOp,
} from './store';
export { createGroupKitStore } from './store';
export { GroupGate } from './GroupGate';
export type { GroupGateProps } from './GroupGate';
export type { GateRule } from './passesGate';
export { passesGate } from './passesGate';
export { useChangeMemberships } from './useChangeMemberships';
export type { UseChangeMembershipsResult } from './useChangeMemberships';
export { useGroup } from './useGroup';
export type { UseGroupResult } from './useGroup';
export { useGroupGate } from './useGroupGate';
export { useGroupKit } from './useGroupKit';
export type { GroupKitState } from './useGroupKit';
export { useFlowProgress } from './useFlowProgress';
export type { UseFlowProgressResult } from './useFlowProgress';
export { useGroupKitStore } from './useGroupKitStore';
export type { GroupChangeState } from './useGroupChange';
export { useIsMember } from './useIsMember';
export { useJoinGroup } from './useJoinGroup';
export type { UseJoinGroupResult } from './useJoinGroup';
export { useLeaveGroup } from './useLeaveGroup';
export type { UseLeaveGroupResult } from './useLeaveGroup';
export { useMembership } from './useMembership';
export { useMemberships } from './useMemberships';
export { usePendingChanges } from './usePendingChanges';
export { useRedeemCode } from './useRedeemCode';
export type { RedeemState, UseRedeemCodeResult } from './useRedeemCode';
export { useUserGroup } from './useUserGroup';
export { useUserGroups } from './useUserGroups';
export type { UseUserGroupsOptions } from './useUserGroups';
export { type MembershipLockReason, membershipLockReason } from './membershipLockReason';
export {
  useMembershipToggle,
  type UseMembershipToggleOptions,
  type UseMembershipToggleResult,
} from './useMembershipToggle';
