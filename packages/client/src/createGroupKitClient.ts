import { enc } from './call';
import { type ClientCore, createClientCore, type GroupKitClientOptions } from './clientCore';
import { newIdempotencyKey } from './idempotencyKey';
import { type ListParams, listQuery } from './listQuery';
import { type ChangesInput, parseChanges } from './parseChanges';
import type { RequestOptions } from './request';
import type {
  AccountGroup,
  IdentifyRequest,
  IdentifyResult,
  Membership,
  MembershipChangeResult,
  Page,
  RedeemCodeResult,
  Session,
  UserGroup,
} from './types';

export interface GetSessionParams {
  userId: string;
  /** The account group (company, team) to load with the session. */
  groupId?: string;
}

/** Filters of `listUserGroups`. Sorting, paging and search need the secret key. */
export interface ListUserGroupsParams extends ListParams<'name' | 'description' | 'slug'> {
  /**
   * Also list groups whose window has not opened yet.
   * @default false
   */
  includeScheduled?: boolean;
}

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

export interface RedeemCodeParams {
  /** The campaign code as the user typed it (case and surrounding spaces do not matter). */
  code: string;
  /** Only accept a code of this group (slug or id). */
  group?: string;
}

/**
 * The end-user methods over one client core: everything a publishable key may call. The
 * admin client spreads these too, so each method is written once.
 */
export function endUserMethods({ call, config }: ClientCore) {
  return {
    /** The options this client was made with (for providers and devtools). */
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,

    /** `GET /v1/session`: user, account group, memberships and the group directory in one round trip. */
    getSession({ userId, groupId }: GetSessionParams, { signal }: RequestOptions = {}) {
      return call<Session>('GET', '/session', { query: { userId, groupId }, signal });
    },

    /** `GET /v1/groups/{groupId}`: the account group and its properties. */
    getGroup(groupId: string, { signal }: RequestOptions = {}) {
      return call<AccountGroup>('GET', `/groups/${enc(groupId)}`, { signal });
    },

    /** `GET /v1/users/{userId}/memberships`. */
    async listMemberships(userId: string, { signal }: RequestOptions = {}) {
      const { data } = await call<{ data: Membership[] }>(
        'GET',
        `/users/${enc(userId)}/memberships`,
        { signal },
      );
      return data;
    },

    /**
     * `POST /v1/users/{userId}/membership-changes`: applies ordered changes atomically and
     * reports each op, the memberships after, and the automations that fired. Checked before
     * sending (a `GroupKitChangeError` for `"pro"` or `"+pro,,-plus"`), and sent with one
     * `Idempotency-Key` for all its attempts, so a retry after a lost answer never applies twice.
     * @example await client.changeMemberships('u_ada', '-pro,+plus')
     * @example await client.changeMemberships('u_ada', [{ op: 'add', group: 'beta' }], { dryRun: true })
     */
    async changeMemberships(
      userId: string,
      changes: ChangesInput,
      { dryRun, idempotencyKey = newIdempotencyKey() }: ChangeMembershipsParams = {},
      { signal }: RequestOptions = {},
    ) {
      parseChanges(changes);
      return call<MembershipChangeResult>('POST', `/users/${enc(userId)}/membership-changes`, {
        body: dryRun === undefined ? { changes } : { changes, dryRun },
        headers: { 'idempotency-key': idempotencyKey },
        signal,
      });
    },

    /**
     * `POST /v1/users/{userId}/redeem-code`: joins the code's group. Not retried: failed
     * attempts count towards `too_many_attempts` (429, with `retryAfter`).
     * @example await client.redeemCode('u_ada', { code: 'BETA-2026' })
     */
    redeemCode(userId: string, { code, group }: RedeemCodeParams, { signal }: RequestOptions = {}) {
      return call<RedeemCodeResult>('POST', `/users/${enc(userId)}/redeem-code`, {
        body: group === undefined ? { code } : { code, group },
        signal,
      });
    },

    /**
     * `GET /v1/user-groups`: with a publishable key, the directory (viewable, active, by
     * `order`); with the secret key, every group, sortable and searchable.
     * @example await client.listUserGroups({ includeScheduled: true })
     */
    listUserGroups(
      { includeScheduled = false, ...list }: ListUserGroupsParams = {},
      { signal }: RequestOptions = {},
    ) {
      return call<Page<UserGroup>>('GET', '/user-groups', {
        query: { include: includeScheduled ? 'scheduled' : undefined, ...listQuery(list) },
        signal,
      });
    },

    /** `GET /v1/user-groups/{idOrSlug}`: one group by uuid or slug (publishable: viewable ones only). */
    getUserGroup(idOrSlug: string, { signal }: RequestOptions = {}) {
      return call<UserGroup>('GET', `/user-groups/${enc(idOrSlug)}`, { signal });
    },

    /**
     * `POST /v1/groups/identify`: merges `properties` into the account group (new keys added,
     * existing ones overwritten, a top-level `null` removes its key), and creates the group if
     * it is missing; `created` tells which. Takes a publishable key too, so an app can keep
     * its account group's properties current.
     * @example await client.identifyGroup({ identifier: 'acme', properties: { plan: 'Pro' } })
     */
    identifyGroup(group: IdentifyRequest, { signal }: RequestOptions = {}) {
      return call<IdentifyResult>('POST', '/groups/identify', { body: group, signal });
    },
  };
}

/**
 * A typed client for the groups API. No React, no cache: one method per endpoint, end-user
 * methods only, so browsers never ship the admin ones (those are in
 * `createGroupKitAdminClient` from `@groupkit/client/admin`, for servers).
 * @example
 * const client = createGroupKitClient({ apiKey: 'pk_test_groupkit' });
 * const session = await client.getSession({ userId: 'u_ada', groupId: 'acme' });
 */
export function createGroupKitClient(options: GroupKitClientOptions) {
  return endUserMethods(createClientCore(options, 'createGroupKitClient'));
}

export type GroupKitClient = ReturnType<typeof createGroupKitClient>;
