import { createCall } from './call';
import { transportConfig, type TransportOptions } from './clientCore';
import * as endpoints from './endpoints';
import { changeMemberships } from './writeEndpoints';
import { isGroupKitApiError } from './errors';
import { flowsAdminMethods } from './flowsAdmin';
import { operatorsAdminMethods } from './operatorsAdmin';
import { projectAdminMethods } from './projectAdmin';
import type { RequestConfig, RequestOptions } from './request';
import { retryPolicy } from './retry';
import { serverAdminMethods } from './serverAdmin';
import type { OperatorSession } from './types';
import { userGroupsAdminMethods } from './userGroupsAdmin';

export type { CreateOperatorParams, UpdateOperatorParams } from './operatorsAdmin';
export type { CreateFlowParams, FlowFunnelParams, UpdateFlowDraftParams } from './flowsAdmin';
export type { ListParams } from './listQuery';
export type { ExportMembersParams, GroupMemberSort } from './userGroupsAdmin';
export type { UserSort } from './serverAdmin';

/** Where the console's API is. No key: the operator's session cookie is the credential. */
export type GroupKitConsoleClientOptions = TransportOptions;

export interface SignInParams {
  /** The operator's email (any case). */
  email: string;
  /** Their password. Five wrong ones for an email in 15 minutes lock it (429 `too_many_attempts`). */
  password: string;
  /**
   * The project to sign in to, on a server that hosts several.
   * @default undefined (the server's only project)
   */
  project?: string;
}

/**
 * The dashboard's client, for browsers: no API key at all. An operator signs in with email
 * and password; the session travels in an httpOnly cookie (`credentials: 'include'`), and
 * the client sends the session's CSRF token as `X-CSRF-Token` on every request that changes
 * something. It has every admin method; the operator's role decides which the API allows
 * (403 `role_forbidden` otherwise, `details.role` naming the role needed). Its own entry
 * (`@groupkit/client/console`), so end-user bundles never contain the admin methods.
 * @example
 * import { createGroupKitConsoleClient } from '@groupkit/client/console';
 * const dashboard = createGroupKitConsoleClient({ baseUrl: window.location.origin });
 * const session = (await dashboard.getOperatorSession()) ??
 *   (await dashboard.signIn({ email: 'owner@groupkit.test', password }));
 * await dashboard.addGroupMembers('vip', { user_ids: ['u_alan'] });
 */
export function createGroupKitConsoleClient(options: GroupKitConsoleClientOptions = {}) {
  // The CSRF token of the current session: learnt from signing in (or from GET after a
  // reload, since scripts cannot read the httpOnly cookie), forgotten at sign-out.
  // Kept current here; the fetch below sends it on writes only (reads need none, and a token
  // in fewer requests is in fewer logs).
  const csrfHeader: Record<string, string> = {};
  const setCsrfToken = (token: string | null) => {
    if (token === null) delete csrfHeader['x-csrf-token'];
    else csrfHeader['x-csrf-token'] = token;
  };
  const transport = transportConfig(options, csrfHeader, 'createGroupKitConsoleClient');
  // The session cookie goes with every request, also to an API on another origin.
  const config: RequestConfig = {
    ...transport,
    fetch: (input, init) => {
      const method = (init?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init?.headers);
      if (method === 'GET' || method === 'HEAD') headers.delete('x-csrf-token');
      return transport.fetch(input, { ...init, headers, credentials: 'include' });
    },
  };
  const call = createCall(config, retryPolicy(options.retry));
  const core = { call };
  const remember = (session: OperatorSession) => {
    setCsrfToken(session.csrfToken);
    return session;
  };

  return {
    /** The API's origin this client talks to. */
    baseUrl: config.baseUrl,

    /**
     * `POST /v1/operator-session`: signs an operator in. The answer sets the session cookie;
     * the client keeps its CSRF token. 401 `invalid_credentials` for a wrong email or
     * password; 429 `too_many_attempts` (with `retryAt`) after five failures.
     * @example const { operator } = await dashboard.signIn({ email, password })
     */
    async signIn({ email, password, project }: SignInParams, { signal }: RequestOptions = {}) {
      const body = project === undefined ? { email, password } : { email, password, project };
      return remember(await call<OperatorSession>('POST', '/operator-session', { body, signal }));
    },

    /**
     * `GET /v1/operator-session`: who is signed in (after a reload, say), or `null` when
     * nobody is (no cookie, or the session ended or expired).
     * @example const session = await dashboard.getOperatorSession(); if (!session) showSignIn();
     */
    async getOperatorSession({ signal }: RequestOptions = {}): Promise<OperatorSession | null> {
      try {
        return remember(await call<OperatorSession>('GET', '/operator-session', { signal }));
      } catch (error) {
        if (isGroupKitApiError(error) && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },

    /**
     * `DELETE /v1/operator-session`: ends the session (the cookie is cleared). A session that
     * had already ended counts as signed out too.
     * @example await dashboard.signOut()
     */
    async signOut({ signal }: RequestOptions = {}): Promise<void> {
      try {
        await call<null>('DELETE', '/operator-session', { signal });
      } catch (error) {
        if (!(isGroupKitApiError(error) && error.status === 401)) throw error;
      }
      setCsrfToken(null);
    },

    /**
     * `GET /v1/user-groups`: every group (hidden, scheduled and ended too), sortable,
     * searchable and paged.
     * @example await dashboard.listUserGroups({ searchText: 'vip', pageSize: 50 })
     */
    listUserGroups: endpoints.listUserGroups.bind(null, core),
    /** `GET /v1/user-groups/{idOrSlug}`: one group by uuid or slug. */
    getUserGroup: endpoints.getUserGroup.bind(null, core),
    /** `GET /v1/users/{userId}/memberships`: one user's memberships. */
    listMemberships: endpoints.listMemberships.bind(null, core),
    /**
     * `POST /v1/users/{userId}/membership-changes`: ordered changes for any user, plan groups
     * included (admin role); `{ dryRun: true }` previews the automations they would fire.
     * @example await dashboard.changeMemberships('u_ada', '-pro,+plus', { dryRun: true })
     */
    changeMemberships: changeMemberships.bind(null, core),
    ...userGroupsAdminMethods(call),
    ...serverAdminMethods(call),
    ...projectAdminMethods(call),
    ...operatorsAdminMethods(call),
    ...flowsAdminMethods(call),
  };
}

export type GroupKitConsoleClient = ReturnType<typeof createGroupKitConsoleClient>;
