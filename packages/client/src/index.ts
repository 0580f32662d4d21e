export type {
  GetSessionParams,
  GroupKitClient,
  GroupKitClientOptions,
} from './createGroupKitClient';
export { createGroupKitClient, DEFAULT_BASE_URL } from './createGroupKitClient';
export type { ApiErrorBody } from './errors';
export {
  GroupKitApiError,
  GroupKitNetworkError,
  isGroupKitApiError,
  isGroupKitNetworkError,
} from './errors';
export type { RequestOptions } from './request';
export type * from './types';
export { MAX_CHANGE_OPS, parseChangesSafe } from './parseChanges';
export type { ChangeOp, ChangesInput, ParseChangesResult } from './parseChanges';
