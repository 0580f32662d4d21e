import { type ClientCore, createClientCore, type GroupKitClientOptions } from './clientCore';
import * as reads from './endpoints';
import { flowMethods } from './flows';
import * as writes from './writeEndpoints';

export type { GetSessionParams, ListUserGroupsParams } from './endpoints';
export type {
  ChangeMembershipsParams,
  IdentifyGroupParams,
  RedeemCodeParams,
} from './writeEndpoints';

/**
 * The end-user methods over one client core: everything a publishable key may call. The
 * admin client spreads these too, so each method is written once (in `reads.ts`).
 */
export function endUserMethods(core: ClientCore) {
  return {
    /** The checked options and the call they bind (what `@groupkit/react` builds on). */
    core,
    /** The options this client was made with (for providers and devtools). */
    baseUrl: core.config.baseUrl,
    apiKey: core.config.apiKey,
    /** `GET /v1/session`: user, account group, memberships and the group directory in one round trip. */
    getSession: reads.getSession.bind(null, core),
    /** `GET /v1/groups/{groupId}`: the account group and its properties. */
    getGroup: reads.getGroup.bind(null, core),
    /** `GET /v1/users/{userId}/memberships`. */
    listMemberships: reads.listMemberships.bind(null, core),
    /**
     * `POST /v1/users/{userId}/membership-changes`: applies ordered changes atomically and
     * reports each op, the memberships after, and the automations that fired. Checked before
     * sending (a `GroupKitChangeError` for `"pro"` or `"+pro,,-plus"`), and sent with one
     * `Idempotency-Key` for all its attempts, so a retry after a lost answer never applies twice.
     * @example await client.changeMemberships('u_ada', '-pro,+plus')
     * @example await client.changeMemberships('u_ada', [{ op: 'add', group: 'beta' }], { dryRun: true })
     */
    changeMemberships: writes.changeMemberships.bind(null, core),
    /**
     * `POST /v1/users/{userId}/redeem-code`: joins the code's group. Not retried: failed
     * attempts count towards `too_many_attempts` (429, with `retryAfter`).
     * @example await client.redeemCode('u_ada', { code: 'BETA-2026' })
     */
    redeemCode: writes.redeemCode.bind(null, core),
    /**
     * `GET /v1/user-groups`: with a publishable key, the directory (viewable, active, by
     * `order`); with the secret key, every group, sortable and searchable.
     * @example await client.listUserGroups({ includeScheduled: true })
     */
    listUserGroups: reads.listUserGroups.bind(null, core),
    /** `GET /v1/user-groups/{idOrSlug}`: one group by uuid or slug (publishable: viewable ones only). */
    getUserGroup: reads.getUserGroup.bind(null, core),
    /**
     * `POST /v1/groups/identify`: merges `properties` into the account group (new keys added,
     * existing ones overwritten, `null` removes a key). Only the secret key creates a group or
     * writes any property; a publishable key writes only the project's
     * `clientWritableProperties` (403 `property_not_writable` otherwise).
     * @example await client.identifyGroup({ identifier: 'acme', properties: { plan: 'Pro' } })
     * @example await client.identifyGroup({ identifier: 'acme', userId: 'u_ada', properties: { onboarding: { step: 2 } } })
     */
    identifyGroup: writes.identifyGroup.bind(null, core),
    ...flowMethods(core),
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

/**
 * The full end-user client over an existing core (e.g. the one a `<GroupKitProvider>` made),
 * for calls no hook covers.
 * @example const client = clientFromCore(createClientCore({ apiKey: 'pk_test_groupkit' }));
 */
export function clientFromCore(core: ClientCore): GroupKitClient {
  return endUserMethods(core);
}
