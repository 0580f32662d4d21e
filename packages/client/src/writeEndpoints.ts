import { enc } from './call';
import type { EndpointCore } from './endpoints';
import { newIdempotencyKey } from './idempotencyKey';
import { type ChangesInput, parseChanges } from './parseChanges';
import type { RequestOptions } from './request';
import type {
  IdentifyRequest,
  IdentifyResult,
  MembershipChangeResult,
  RedeemCodeResult,
} from './types';

// The end-user writes, apart from the reads in `endpoints.ts` (see there why).

export interface ChangeMembershipsParams {
  /**
   * Check and report what would happen, changing nothing.
   * @default false
   */
  dryRun?: boolean;
  /**
   * The `Idempotency-Key` of this change. Pass your own to keep a change exactly-once across
   * page reloads or processes; one new key per logical change, never reused for another.
   * @default a new random UUID per call
   */
  idempotencyKey?: string;
}

export interface IdentifyGroupParams extends IdentifyRequest {
  /**
   * The signed-in user making the write (sent as `?userId=`). With identity verification on,
   * a publishable key needs it, and the client's `userHash` for this user.
   * @default undefined
   */
  userId?: string;
}

export interface RedeemCodeParams {
  /** The campaign code as the user typed it (case and surrounding spaces do not matter). */
  code: string;
  /**
   * Only accept a code of this group (slug or id).
   * @default undefined (a code of any group)
   */
  group?: string;
}

/**
 * `POST /v1/users/{userId}/membership-changes`: applies ordered changes atomically and
 * reports each op, the memberships after, and the automations that fired. Checked before
 * sending (a `GroupKitChangeError` for `"pro"` or `"+pro,,-plus"`), and sent with one
 * `Idempotency-Key` for all its attempts, so a retry after a lost answer never applies twice.
 */
export async function changeMemberships(
  { call }: EndpointCore,
  userId: string,
  changes: ChangesInput,
  { dryRun, idempotencyKey = newIdempotencyKey() }: ChangeMembershipsParams = {},
  options: RequestOptions = {},
) {
  parseChanges(changes); // rejects (never throws synchronously): callers await either way
  return call<MembershipChangeResult>('POST', `/users/${enc(userId)}/membership-changes`, {
    body: dryRun === undefined ? { changes } : { changes, dryRun },
    headers: { 'idempotency-key': idempotencyKey },
    ...options,
  });
}

/**
 * `POST /v1/users/{userId}/redeem-code`: joins the code's group. Not retried: failed
 * attempts count towards `too_many_attempts` (429, with `retryAfter`).
 */
export function redeemCode(
  { call }: EndpointCore,
  userId: string,
  { code, group }: RedeemCodeParams,
  options: RequestOptions = {},
) {
  return call<RedeemCodeResult>('POST', `/users/${enc(userId)}/redeem-code`, {
    body: group === undefined ? { code } : { code, group },
    ...options,
  });
}

/**
 * `POST /v1/groups/identify`: merges `properties` into the account group (new keys added,
 * existing ones overwritten, a top-level `null` removes its key). The secret key also
 * creates a missing group (`created` tells which) and writes any property; a publishable key
 * only updates an existing one (404 `group_not_found` otherwise), and only the top-level
 * properties the project lists in `clientWritableProperties`: any other refuses the whole
 * write (403 `property_not_writable`, `details.property` naming it).
 */
export function identifyGroup(
  { call }: EndpointCore,
  { userId, ...group }: IdentifyGroupParams,
  options: RequestOptions = {},
) {
  return call<IdentifyResult>('POST', '/groups/identify', {
    query: { userId },
    body: group,
    ...options,
  });
}
