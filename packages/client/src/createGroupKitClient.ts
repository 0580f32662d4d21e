import { type RequestConfig, type RequestOptions, request } from './request';
import type { AccountGroup, Membership, Page, Session, UserGroup } from './types';

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
   * @default 10000
   */
  timeoutMs?: number;
}

export interface GetSessionParams {
  userId: string;
  /** The account group (company, team) to load with the session. */
  groupId?: string;
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
  const enc = encodeURIComponent;

  return {
    /** The options this client was made with (for providers and devtools). */
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,

    /** `GET /v1/session`: user, account group, memberships and the group directory in one round trip. */
    getSession({ userId, groupId }: GetSessionParams, { signal }: RequestOptions = {}) {
      return request<Session>(config, 'GET', '/session', { query: { userId, groupId }, signal });
    },

    /** `GET /v1/groups/{groupId}`: the account group and its properties. */
    getGroup(groupId: string, { signal }: RequestOptions = {}) {
      return request<AccountGroup>(config, 'GET', `/groups/${enc(groupId)}`, { signal });
    },

    /** `GET /v1/users/{userId}/memberships`. */
    async listMemberships(userId: string, { signal }: RequestOptions = {}) {
      const { data } = await request<{ data: Membership[] }>(
        config,
        'GET',
        `/users/${enc(userId)}/memberships`,
        { signal },
      );
      return data;
    },

    /** `GET /v1/user-groups`: with a publishable key, the directory (viewable, active, by `order`). */
    listUserGroups(
      { includeScheduled = false }: { includeScheduled?: boolean } = {},
      { signal }: RequestOptions = {},
    ) {
      return request<Page<UserGroup>>(config, 'GET', '/user-groups', {
        query: { include: includeScheduled ? 'scheduled' : undefined },
        signal,
      });
    },
  };
}

export type GroupKitClient = ReturnType<typeof createGroupKitClient>;
