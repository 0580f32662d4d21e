import { type Call, enc } from './call';
import { type ListParams, listQuery } from './listQuery';
import { CSV_HEADERS, type RequestOptions } from './request';
import type {
  CodeRedemption,
  CodesCreate,
  CodesCreated,
  CodeUpdate,
  CodeUpdated,
  CodeView,
  ConditionsVersion,
  GroupMember,
  LegacyId,
  MembersAdd,
  MembersAdded,
  MembersRemove,
  MembersRemoved,
  Page,
  UserGroup,
  UserGroupCreate,
  UserGroupWrite,
} from './types';

export type GroupMemberSort = 'id' | 'userid' | 'firstname' | 'lastname' | 'email';

/** Which columns and format the CSV export has. Every column is on unless set to `false`. */
export interface ExportMembersParams {
  /** @default true */
  userid?: boolean;
  /** @default true */
  firstname?: boolean;
  /** @default true */
  lastname?: boolean;
  /** @default true */
  email?: boolean;
  /**
   * Write a header row.
   * @default true
   */
  includeHeader?: boolean;
  /** @default ',' */
  delimiter?: ',' | ';' | '|' | 'tab';
}

/**
 * Administration of user groups, their members and their codes. Secret key only
 * (`sk_...`): a publishable key gets 403 `forbidden`. Never ship a secret key to a browser.
 */
export function userGroupsAdminMethods(call: Call) {
  const groups = '/user-groups';
  return {
    /**
     * `POST /v1/user-groups`: creates a user group. 409 `slug_taken` when the slug is in use.
     * @example await admin.createUserGroup({ slug: 'gold', name: 'Gold', type: 'manual', joinType: 'open' })
     */
    createUserGroup(group: UserGroupCreate, { signal }: RequestOptions = {}) {
      return call<UserGroup>('POST', groups, { body: group, signal });
    },

    /**
     * `PUT /v1/user-groups/{idOrSlug}`: changes the given fields only; `type` cannot change.
     * @example await admin.updateUserGroup('gold', { name: 'Gold members' })
     */
    updateUserGroup(idOrSlug: string, changes: UserGroupWrite, { signal }: RequestOptions = {}) {
      return call<UserGroup>('PUT', `${groups}/${enc(idOrSlug)}`, { body: changes, signal });
    },

    /** `DELETE /v1/user-groups/{idOrSlug}`: deletes the group and its memberships. */
    async deleteUserGroup(idOrSlug: string, { signal }: RequestOptions = {}): Promise<void> {
      await call<null>('DELETE', `${groups}/${enc(idOrSlug)}`, { signal });
    },

    /** `GET /v1/user-groups/{id}/conditions-history`: every version of the rule set. */
    async listConditionsHistory(idOrSlug: string, { signal }: RequestOptions = {}) {
      const { data } = await call<{ data: ConditionsVersion[] }>(
        'GET',
        `${groups}/${enc(idOrSlug)}/conditions-history`,
        { signal },
      );
      return data;
    },

    /** `GET /v1/legacy-user-groups/{legacyId}`: a group by the integer id of the old API. */
    getUserGroupByLegacyId(legacyId: number, { signal }: RequestOptions = {}) {
      return call<UserGroup>('GET', `/legacy-user-groups/${enc(String(legacyId))}`, { signal });
    },

    /** `GET /v1/user-groups/{id}/legacy-id`: the integer id of the old API for a group. */
    getUserGroupLegacyId(idOrSlug: string, { signal }: RequestOptions = {}) {
      return call<LegacyId>('GET', `${groups}/${enc(idOrSlug)}/legacy-id`, { signal });
    },

    /**
     * `GET /v1/user-groups/{id}/users`: a page of the group's members.
     * @example await admin.listGroupMembers('pro', { sortAttr: 'lastname', pageSize: 100 })
     */
    listGroupMembers(
      idOrSlug: string,
      params: ListParams<GroupMemberSort> = {},
      { signal }: RequestOptions = {},
    ) {
      return call<Page<GroupMember>>('GET', `${groups}/${enc(idOrSlug)}/users`, {
        query: listQuery(params),
        signal,
      });
    },

    /**
     * `POST /v1/user-groups/{id}/users`: adds users, whole branches, or other groups' members.
     * @example await admin.addGroupMembers('beta', { user_ids: ['u_ada'], branch_ids: ['london'] })
     */
    addGroupMembers(idOrSlug: string, members: MembersAdd, { signal }: RequestOptions = {}) {
      return call<MembersAdded>('POST', `${groups}/${enc(idOrSlug)}/users`, {
        body: members,
        signal,
      });
    },

    /**
     * `DELETE /v1/user-groups/{id}/users`: removes listed users, everyone, or those matching a search.
     * @example await admin.removeGroupMembers('beta', { user_ids: ['u_ada'] })
     */
    removeGroupMembers(idOrSlug: string, members: MembersRemove, { signal }: RequestOptions = {}) {
      return call<MembersRemoved>('DELETE', `${groups}/${enc(idOrSlug)}/users`, {
        body: members,
        signal,
      });
    },

    /**
     * `GET /v1/user-groups/{id}/export-users`: the members as CSV text.
     * @example const csv = await admin.exportGroupMembersCsv('pro', { email: false, delimiter: ';' })
     */
    exportGroupMembersCsv(
      idOrSlug: string,
      params: ExportMembersParams = {},
      { signal }: RequestOptions = {},
    ) {
      return call<string>('GET', `${groups}/${enc(idOrSlug)}/export-users`, {
        query: {
          userid: params.userid,
          firstname: params.firstname,
          lastname: params.lastname,
          email: params.email,
          include_header: params.includeHeader,
          delimiter: params.delimiter,
        },
        signal,
        headers: CSV_HEADERS,
      });
    },

    /**
     * `POST /v1/user-groups/{idOrSlug}/codes`: one shared code, or `count` single-use codes;
     * `warnings` says when their window does not cover the group's
     * (`code_window_outside_group`).
     * @example const { data, warnings } = await admin.createCodes('vip', { mode: 'unique', count: 20, prefix: 'VIP-' })
     */
    createCodes(idOrSlug: string, codes: CodesCreate, { signal }: RequestOptions = {}) {
      return call<CodesCreated>('POST', `${groups}/${enc(idOrSlug)}/codes`, {
        body: codes,
        signal,
      });
    },

    /**
     * `GET /v1/user-groups/{idOrSlug}/codes/{codeId}`: one code by its id.
     * @example await admin.getCode('beta', codeId)
     */
    getCode(idOrSlug: string, codeId: string, { signal }: RequestOptions = {}) {
      return call<CodeView>('GET', `${groups}/${enc(idOrSlug)}/codes/${enc(codeId)}`, { signal });
    },

    /**
     * `PATCH /v1/user-groups/{idOrSlug}/codes/{codeId}`: `active: false` revokes a leaked code
     * (redeeming it answers 410 `code_revoked`); also moves its window or a shared code's cap.
     * @example await admin.updateCode('beta', codeId, { active: false })
     */
    updateCode(
      idOrSlug: string,
      codeId: string,
      update: CodeUpdate,
      { signal }: RequestOptions = {},
    ) {
      return call<CodeUpdated>('PATCH', `${groups}/${enc(idOrSlug)}/codes/${enc(codeId)}`, {
        body: update,
        signal,
      });
    },

    /**
     * `DELETE /v1/user-groups/{idOrSlug}/codes/{codeId}`: the code then answers like one that
     * never existed; memberships it gave stay.
     * @example await admin.deleteCode('beta', codeId)
     */
    async deleteCode(idOrSlug: string, codeId: string, { signal }: RequestOptions = {}) {
      await call<null>('DELETE', `${groups}/${enc(idOrSlug)}/codes/${enc(codeId)}`, { signal });
    },

    /**
     * `GET /v1/user-groups/{idOrSlug}/codes/{codeId}/redemptions`: who used the code and when,
     * oldest first.
     * @example const { data, total } = await admin.listCodeRedemptions('vip', codeId)
     */
    listCodeRedemptions(
      idOrSlug: string,
      codeId: string,
      { page, pageSize }: { page?: number; pageSize?: number } = {},
      { signal }: RequestOptions = {},
    ) {
      return call<Page<CodeRedemption>>(
        'GET',
        `${groups}/${enc(idOrSlug)}/codes/${enc(codeId)}/redemptions`,
        { query: { page, page_size: pageSize }, signal },
      );
    },

    /** `GET /v1/user-groups/{idOrSlug}/codes`: the group's codes with their redemption counts. */
    async listCodes(idOrSlug: string, { signal }: RequestOptions = {}) {
      const { data } = await call<{ data: CodeView[] }>('GET', `${groups}/${enc(idOrSlug)}/codes`, {
        signal,
      });
      return data;
    },
  };
}
