import type { AudienceRule } from './audience';
import { type Call, enc } from './call';
import { type ListParams, listQuery } from './listQuery';
import { CSV_HEADERS, type RequestOptions } from './request';
import type {
  AdminUser,
  Automation,
  AutomationCreate,
  AutomationPatch,
  AutomationRun,
  Page,
  UserDetail,
  UserUpsert,
  UserUpsertResult,
} from './types';

/** What the admin user list sorts by. */
export type UserSort = 'id' | 'username' | 'firstname' | 'lastname' | 'email';

/** The groups of an audience (slug or id), at most 50 a side. */
const groupList = (groups: readonly string[] | undefined) =>
  groups?.length ? groups.join(',') : undefined;

/**
 * Server-side writes that shape what rules and plans read (users and automations), the
 * support desk's user lookup and campaign audiences. Secret key only (`sk_...`); a
 * publishable key gets 403 `forbidden`. (`identifyGroup` takes either key, so it is an
 * end-user method.)
 */
export function serverAdminMethods(call: Call) {
  return {
    /**
     * `GET /v1/users`: every user, searched by name, email, username or id; by last name
     * unless sorted otherwise.
     * @example await admin.listUsers({ searchText: 'hopper' })
     */
    listUsers(params: ListParams<UserSort> = {}, { signal }: RequestOptions = {}) {
      return call<Page<AdminUser>>('GET', '/users', { query: listQuery(params), signal });
    },

    /**
     * `GET /v1/users/{userId}`: the user and their memberships, each with its `source`
     * (self, code, admin, rule): what a support agent needs before adding or removing one.
     * @example const { user, memberships } = await admin.getUser('u_alan')
     */
    getUser(userId: string, { signal }: RequestOptions = {}) {
      return call<UserDetail>('GET', `/users/${enc(userId)}`, { signal });
    },

    /**
     * `DELETE /v1/users/{userId}`: the user and every membership they hold; each removal fires
     * its `removed_from` automations (origin `admin`). The run log and code redemptions stay.
     * @example await admin.deleteUser('u_leaver')
     */
    async deleteUser(userId: string, { signal }: RequestOptions = {}) {
      await call<null>('DELETE', `/users/${enc(userId)}`, { signal });
    },

    /**
     * `POST /v1/audiences/preview`: how many users a campaign reaches (`total`) and a page of
     * them: members of some `include` group (everyone when empty) and of no `exclude` group,
     * the rule `<GroupGate>` applies.
     * @example const { total } = await admin.previewAudience({ include: ['plus', 'pro'], exclude: ['staff'] })
     */
    previewAudience(
      audience: AudienceRule & { page?: number; pageSize?: number },
      { signal }: RequestOptions = {},
    ) {
      const { include, exclude, page, pageSize } = audience;
      return call<Page<AdminUser>>('POST', '/audiences/preview', {
        body: { include, exclude, page, page_size: pageSize },
        signal,
      });
    },

    /**
     * `GET /v1/audiences/export`: the audience as CSV text (`userid,firstname,lastname,email`,
     * formula cells escaped), for a mailing tool.
     * @example const csv = await admin.exportAudienceCsv({ include: ['beta'] })
     */
    exportAudienceCsv(audience: AudienceRule, { signal }: RequestOptions = {}) {
      return call<string>('GET', '/audiences/export', {
        query: { include: groupList(audience.include), exclude: groupList(audience.exclude) },
        signal,
        headers: CSV_HEADERS,
      });
    },

    /**
     * `PUT /v1/users/{userId}`: creates or updates a user. With `mode: 'update'` a missing
     * user is 404 `user_not_found` instead of being created.
     * @example await admin.upsertUser('u_new', { firstname: 'Edsger', groups: ['newsletter'] })
     */
    upsertUser(
      userId: string,
      user: UserUpsert,
      { mode }: { /** @default 'upsert' */ mode?: 'upsert' | 'update' } = {},
      { signal }: RequestOptions = {},
    ) {
      return call<UserUpsertResult>('PUT', `/users/${enc(userId)}`, {
        query: { mode },
        body: user,
        signal,
      });
    },

    /**
     * `POST /v1/automations`: fires `action` when a user is added to or removed from a group.
     * @example
     * await admin.createAutomation({
     *   name: 'Welcome to Gold',
     *   trigger: { event: 'added_to', group: 'gold' },
     *   action: { type: 'email', template: 'welcome-gold' },
     * })
     */
    createAutomation(automation: AutomationCreate, { signal }: RequestOptions = {}) {
      return call<Automation>('POST', '/automations', { body: automation, signal });
    },

    /** `GET /v1/automations/{automationId}`: 404 `automation_not_found` when there is none. */
    getAutomation(automationId: string, { signal }: RequestOptions = {}) {
      return call<Automation>('GET', `/automations/${enc(automationId)}`, { signal });
    },

    /**
     * `PATCH /v1/automations/{automationId}`: the fields given change (`trigger` and `action`
     * whole). A disabled automation never fires; its runs stay in the log.
     * @example await admin.updateAutomation(id, { enabled: false })
     */
    updateAutomation(
      automationId: string,
      patch: AutomationPatch,
      { signal }: RequestOptions = {},
    ) {
      return call<Automation>('PATCH', `/automations/${enc(automationId)}`, {
        body: patch,
        signal,
      });
    },

    /**
     * `DELETE /v1/automations/{automationId}`: it never fires again; its runs stay in the log.
     * @example await admin.deleteAutomation(id)
     */
    async deleteAutomation(automationId: string, { signal }: RequestOptions = {}) {
      await call<null>('DELETE', `/automations/${enc(automationId)}`, { signal });
    },

    /** `GET /v1/automations`. */
    async listAutomations({ signal }: RequestOptions = {}) {
      const { data } = await call<{ data: Automation[] }>('GET', '/automations', { signal });
      return data;
    },

    /**
     * `GET /v1/automations/runs`: the run log; for one user with `userId`.
     * @example await admin.listAutomationRuns({ userId: 'u_ada' })
     */
    async listAutomationRuns(
      { userId }: { userId?: string } = {},
      { signal }: RequestOptions = {},
    ) {
      const { data } = await call<{ data: AutomationRun[] }>('GET', '/automations/runs', {
        query: { userId },
        signal,
      });
      return data;
    },
  };
}
