export type {
  ChangeMembershipsParams,
  GetSessionParams,
  GroupKitClient,
  IdentifyGroupParams,
  ListUserGroupsParams,
  RedeemCodeParams,
} from './createGroupKitClient';
export { clientFromCore, createGroupKitClient } from './createGroupKitClient';
export type { AudienceRule } from './audience';
export { passesAudience } from './audience';
export { newIdempotencyKey } from './idempotencyKey';
export type { ClientCore, GroupKitClientOptions } from './clientCore';
export { createClientCore, DEFAULT_BASE_URL } from './clientCore';
export { getGroup, getSession, getUserGroup, listMemberships, listUserGroups } from './endpoints';
export { changeMemberships, identifyGroup, redeemCode } from './writeEndpoints';
export { getUserFlow, saveFlowProgress } from './flows';
export type { GetUserFlowParams } from './flows';
export type {
  ApiErrorBody,
  GroupKitAnyErrorCode,
  GroupKitClientErrorCode,
  GroupKitErrorCodeValue,
  GroupKitSdkErrorCode,
} from './errors';
export {
  GroupKitApiError,
  GroupKitChangeError,
  GroupKitError,
  GroupKitErrorCode,
  GroupKitNetworkError,
  isGroupKitApiError,
  isGroupKitChangeError,
  isGroupKitError,
  isGroupKitNetworkError,
} from './errors';
export type { RequestOptions, RetryEvent } from './request';
export type { RetryOptions } from './retry';
// Types of the admin methods (`@groupkit/client/admin`): types cost browsers nothing.
export type { ListParams } from './listQuery';
export type { ExportMembersParams, GroupMemberSort } from './userGroupsAdmin';
export type { UserSort } from './serverAdmin';
export type { CreateOperatorParams, UpdateOperatorParams } from './operatorsAdmin';
export type { CreateFlowParams, FlowFunnelParams, UpdateFlowDraftParams } from './flowsAdmin';
// Types of the console client (`@groupkit/client/console`).
export type { GroupKitConsoleClient, GroupKitConsoleClientOptions, SignInParams } from './console';
export type * from './types';
export { MAX_CHANGE_OPS, parseChanges, parseChangesSafe } from './parseChanges';
export type { ChangeOp, ChangesInput, ParseChangesResult } from './parseChanges';
