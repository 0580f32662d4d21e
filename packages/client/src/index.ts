export type {
  ChangeMembershipsParams,
  GetSessionParams,
  GroupKitClient,
  GroupKitClientOptions,
  ListUserGroupsParams,
  RedeemCodeParams,
} from './createGroupKitClient';
export { createGroupKitClient, DEFAULT_BASE_URL } from './createGroupKitClient';
export type { ApiErrorBody, GroupKitClientErrorCode, GroupKitErrorCodeValue } from './errors';
export {
  GroupKitApiError,
  GroupKitChangeError,
  GroupKitErrorCode,
  GroupKitNetworkError,
  isGroupKitApiError,
  isGroupKitChangeError,
  isGroupKitNetworkError,
} from './errors';
export type { RequestOptions } from './request';
export type { RetryOptions } from './retry';
export type { ExportMembersParams, GroupMemberSort, ListParams } from './userGroupsAdmin';
export type * from './types';
export { MAX_CHANGE_OPS, parseChanges, parseChangesSafe } from './parseChanges';
export type { ChangeOp, ChangesInput, ParseChangesResult } from './parseChanges';
