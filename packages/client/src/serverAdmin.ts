import { type Call, enc } from './call';
import type { RequestOptions } from './request';
import type {
  Automation,
  AutomationCreate,
  AutomationRun,
  UserUpsert,
  UserUpsertResult,
} from './types';

/**
 * Server-side writes that shape what rules and plans read: users and automations. Secret
 * key only (`sk_...`); a publishable key gets 403 `forbidden`. (`identifyGroup` takes either
 * key, so it is an end-user method.)
 */
export function serverAdminMethods(call: Call) {
  return {
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
