import { type Call, enc } from './call';
import { CSV_HEADERS, type RequestOptions } from './request';
import type {
  ApiKeyInfo,
  AuditLogPage,
  AuditLogQuery,
  CreatedApiKey,
  CreatedOperator,
  Operator,
  OperatorRole,
} from './types';

export interface CreateOperatorParams {
  /** Their sign-in email (stored lower-cased; 409 `email_taken` when another operator has it). */
  email: string;
  /** What they may do: `support`, `admin` or `owner`. */
  role: OperatorRole;
  /**
   * Their password, 12 to 200 characters. Leave it out and the server makes one, answered
   * once as `password` (only its hash is kept).
   * @default undefined (generated)
   */
  password?: string;
}

export interface UpdateOperatorParams {
  /**
   * A new role. Demoting the project's last owner is refused (409 `last_owner`).
   * @default undefined (unchanged)
   */
  role?: OperatorRole;
  /**
   * A new password, 12 to 200 characters.
   * @default undefined (unchanged)
   */
  password?: string;
}

/** `GET /v1/audit-log`'s query: the filters as strings, empty ones left out. */
function auditQuery(query: AuditLogQuery) {
  return {
    actor: query.actor || undefined,
    targetType: query.targetType || undefined,
    targetId: query.targetId || undefined,
    from: query.from || undefined,
    to: query.to || undefined,
    before: query.before,
    limit: query.limit,
  };
}

/**
 * Dashboard operators and API keys (owner role, or the secret key) and the audit log every
 * admin write feeds (admin role, or the secret key).
 */
export function operatorsAdminMethods(call: Call) {
  return {
    /**
     * `GET /v1/operators`: everyone who can sign in to the dashboard, oldest first.
     * @example const operators = await admin.listOperators()
     */
    async listOperators({ signal }: RequestOptions = {}) {
      const { data } = await call<{ data: Operator[] }>('GET', '/operators', { signal });
      return data;
    },

    /**
     * `POST /v1/operators`: adds an operator. Without a `password` the answer carries a
     * generated one, shown this once.
     * @example const { operator, password } = await admin.createOperator({ email: 'sam@example.com', role: 'support' })
     */
    createOperator(operator: CreateOperatorParams, { signal }: RequestOptions = {}) {
      return call<CreatedOperator>('POST', '/operators', { body: operator, signal });
    },

    /**
     * `PATCH /v1/operators/{id}`: a new role and/or password. 409 `last_owner` when it would
     * leave the project without an owner.
     * @example await admin.updateOperator(operatorId, { role: 'admin' })
     */
    updateOperator(id: string, change: UpdateOperatorParams, { signal }: RequestOptions = {}) {
      return call<Operator>('PATCH', `/operators/${enc(id)}`, { body: change, signal });
    },

    /**
     * `DELETE /v1/operators/{id}`: they cannot sign in again, and their sessions end. 409
     * `last_owner` for the project's last owner.
     * @example await admin.deleteOperator(operatorId)
     */
    async deleteOperator(id: string, { signal }: RequestOptions = {}) {
      await call<null>('DELETE', `/operators/${enc(id)}`, { signal });
    },

    /**
     * `GET /v1/api-keys`: the project's keys by id, kind and first 12 characters (never the
     * keys themselves).
     * @example const keys = await admin.listApiKeys()
     */
    async listApiKeys({ signal }: RequestOptions = {}) {
      const { data } = await call<{ data: ApiKeyInfo[] }>('GET', '/api-keys', { signal });
      return data;
    },

    /**
     * `POST /v1/api-keys`: a new key, its `value` answered this once (only its hash is kept).
     * Rotate by making one, deploying it, then deleting the old one.
     * @example const { key, value } = await admin.createApiKey('secret')
     */
    createApiKey(kind: ApiKeyInfo['kind'], { signal }: RequestOptions = {}) {
      return call<CreatedApiKey>('POST', '/api-keys', { body: { kind }, signal });
    },

    /**
     * `DELETE /v1/api-keys/{id}`: revokes a key; the next request with it is 401.
     * @example await admin.deleteApiKey('sk_test')
     */
    async deleteApiKey(id: string, { signal }: RequestOptions = {}) {
      await call<null>('DELETE', `/api-keys/${enc(id)}`, { signal });
    },

    /**
     * `GET /v1/audit-log`: admin writes, newest first; pass `nextBefore` as `before` for the
     * next (older) page.
     * @example const { data, nextBefore } = await admin.listAuditLog({ actor: 'sam@example.com', limit: 20 })
     */
    listAuditLog(query: AuditLogQuery = {}, { signal }: RequestOptions = {}) {
      return call<AuditLogPage>('GET', '/audit-log', { query: auditQuery(query), signal });
    },

    /**
     * `GET /v1/audit-log?format=csv`: the same page as CSV text (`seq,at,actor_type,actor,
     * action,target_type,target_id,request,before,after`).
     * @example const csv = await admin.exportAuditLogCsv({ targetType: 'operator' })
     */
    exportAuditLogCsv(query: AuditLogQuery = {}, { signal }: RequestOptions = {}) {
      return call<string>('GET', '/audit-log', {
        query: { ...auditQuery(query), format: 'csv' },
        signal,
        headers: CSV_HEADERS,
      });
    },
  };
}
