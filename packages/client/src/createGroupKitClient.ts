import { createCall, enc } from './call';
import { newIdempotencyKey } from './idempotencyKey';
import { type ChangesInput, parseChanges } from './parseChanges';
import type { RequestConfig, RequestOptions } from './request';
import { type RetryOptions, retryPolicy } from './retry';
import { serverAdminMethods } from './serverAdmin';
import type {
  AccountGroup,
  Membership,
  MembershipChangeResult,
  Page,
  RedeemCodeResult,
  Session,
  UserGroup,
} from './types';
import { type ListParams, listQuery, userGroupsAdminMethods } from './userGroupsAdmin';

/** Where the hosted GroupKit API lives. Point `baseUrl` elsewhere for self-hosting or tests. */
export const DEFAULT_BASE_URL = 'https://api.groupkit.dev';

export interface GroupKitClientOptions {
  /**
   * A publishable key (`pk_...`) in browsers; a secret key (`sk_...`) only on servers.
   * @example createGroupKitClient({ apiKey: 'pk_test_groupkit' })
   */
  apiKey: string;
  /**
   * Origin of the groups API, without `/v1`.
   * @default 'https://api.groupkit.dev'
   * @example createGroupKitClient({ apiKey, baseUrl: 'http://localhost:4000' })
   */
  baseUrl?: string;
  /**
   * The fetch to use: pass one to add tracing or to run where `fetch` is not global.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * With identity verification on: hex(HMAC-SHA256(secret key, userId)), computed on your server.
   * @default undefined
   */
  userHash?: string;
  /**
   * Abort a request that got no answer after this many ms (a `GroupKitNetworkError` with `timedOut`).
   * Applies to each attempt on its own, so a retried request may take longer in total.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Retrying of transient failures (no answer, 5xx, 429) with exponential backoff and full
   * jitter. Reads are retried; writes only when they carry an `Idempotency-Key`
   * (`changeMemberships` always does), so a retry can never apply a change twice.
   * 4xx answers other than 429 are never retried.
   * @default { retries: 3, baseDelayMs: 250, maxDelayMs: 5000 }
   * @example createGroupKitClient({ apiKey, retry: { retries: 0 } }) // no retries
   */
  retry?: RetryOptions;
}

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
 * A typed client for the groups API. No React, no cache: one method per endpoint.
 * @example
 * const client = createGroupKitClient({ apiKey: 'pk_test_groupkit' });
 * const session = await client.getSession({ userId: 'u_ada', groupId: 'acme' });
 */
export function createGroupKitClient(options: GroupKitClientOptions) {
  if (typeof options?.apiKey !== 'string' || !/^(pk|sk)_\S+$/.test(options.apiKey)) {
    throw new TypeError(
      'createGroupKitClient: apiKey must be a GroupKit key such as "pk_test_..." (publishable, for browsers) or "sk_..." (secret, servers only).',
    );
  }
  if (typeof (options.fetch ?? globalThis.fetch) !== 'function') {
    throw new TypeError(
      'createGroupKitClient: no global fetch here; pass one as the `fetch` option.',
    );
  }
  const config: RequestConfig = {
    apiKey: options.apiKey,
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    // Looked up per request, not at creation: a client made at module scope must still see
    // a fetch patched later (MSW, tracing), and `this` stays globalThis for polyfills.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch).call(globalThis, input, init),
    timeoutMs: options.timeoutMs ?? 10_000,
    userHash: options.userHash,
  };
  const call = createCall(config, retryPolicy(options.retry));

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

    ...userGroupsAdminMethods(call),
    ...serverAdminMethods(call),
  };
}

export type GroupKitClient = ReturnType<typeof createGroupKitClient>;
