import { enc } from './call';
import type { ClientCore } from './clientCore';
import { type ListParams, listQuery } from './listQuery';
import type { RequestOptions } from './request';
import type { AccountGroup, Membership, Page, Session, UserGroup } from './types';

/** What an endpoint needs of a client core: its call (a key client's, or the console's). */
export type EndpointCore = Pick<ClientCore, 'call'>;

export interface GetSessionParams {
  /** The signed-in user. */
  userId: string;
  /**
   * The account group (company, team) to load with the session; none when null.
   * @default undefined
   */
  groupId?: string | null;
}

/** Filters of `listUserGroups`. Sorting, paging and search need the secret key. */
export interface ListUserGroupsParams extends ListParams<'name' | 'description' | 'slug'> {
  /**
   * Also list groups whose window has not opened yet.
   * @default false
   */
  includeScheduled?: boolean;
}

/*
 * One function per end-user endpoint, each taking the client core first. Standalone (not
 * methods of one object) so a bundle holds only the endpoints it calls: the React provider
 * loads the session without shipping the change parser or the code redemption. The reads
 * are here, the writes in `writeEndpoints.ts`: a bundler splits code by module, so a chunk
 * loaded up front that shares this module with a lazily loaded writer (the provider's
 * resume of restored changes) still carries none of the writers' code.
 */

/** `GET /v1/session`: user, account group, memberships and the group directory in one round trip. */
export function getSession(
  { call }: EndpointCore,
  { userId, groupId }: GetSessionParams,
  options: RequestOptions = {},
) {
  return call<Session>('GET', '/session', {
    query: { userId, groupId: groupId ?? undefined },
    ...options,
  });
}

/** `GET /v1/groups/{groupId}`: the account group and its properties. */
export function getGroup({ call }: EndpointCore, groupId: string, options: RequestOptions = {}) {
  return call<AccountGroup>('GET', `/groups/${enc(groupId)}`, options);
}

/** `GET /v1/users/{userId}/memberships`. */
export async function listMemberships(
  { call }: EndpointCore,
  userId: string,
  options: RequestOptions = {},
) {
  const path = `/users/${enc(userId)}/memberships`;
  const { data } = await call<{ data: Membership[] }>('GET', path, options);
  return data;
}

/**
 * `GET /v1/user-groups`: with a publishable key, the directory (viewable, active, by
 * `order`); with the secret key, every group, sortable and searchable.
 */
export function listUserGroups(
  { call }: EndpointCore,
  { includeScheduled = false, ...list }: ListUserGroupsParams = {},
  options: RequestOptions = {},
) {
  return call<Page<UserGroup>>('GET', '/user-groups', {
    query: { include: includeScheduled ? 'scheduled' : undefined, ...listQuery(list) },
    ...options,
  });
}

/** `GET /v1/user-groups/{idOrSlug}`: one group by uuid or slug (publishable: viewable ones only). */
export function getUserGroup(
  { call }: EndpointCore,
  idOrSlug: string,
  options: RequestOptions = {},
) {
  return call<UserGroup>('GET', `/user-groups/${enc(idOrSlug)}`, options);
}
