import { type ApiErrorCode, ERROR_STATUS } from '../engine/errors';
import { enumOf, ref, type Schema, string } from './schema';

/**
 * `any`: either key (or an operator session); `secret`: the secret key or an operator
 * session; `operator`: an operator session only; `public`: no credentials (sign-in).
 */
export type Security = 'any' | 'secret' | 'operator' | 'public';

export interface OperationSpec {
  /** Stable name of the operation, as the clients name the method (`getSession`). */
  operationId: string;
  summary: string;
  tag: string;
  security: Security;
  /** Path parameters, by name. */
  path?: Record<string, string>;
  /** Query parameters: name → [description, schema, required?]. */
  query?: Record<string, [string, Schema, boolean?]>;
  body?: Schema;
  /**
   * Status → JSON schema, `'csv'` for text/csv, `{ jsonOrCsv }` for JSON or (with
   * `?format=csv`) CSV, or `null` for no content.
   */
  responses: Record<number, Schema | 'csv' | { jsonOrCsv: Schema } | null>;
  /**
   * The error codes this operation answers besides those every operation may (below): each
   * is documented under its status (`ERROR_STATUS`), and the contract suite checks that every
   * error an operation answers is one it documents.
   */
  errors?: ApiErrorCode[];
}

const JSON_TYPE = 'application/json';

const SECURITY: Record<Security, Record<string, never[]>[]> = {
  any: [{ publishableKey: [] }, { secretKey: [] }, { operatorSession: [] }],
  secret: [{ secretKey: [] }, { operatorSession: [] }],
  operator: [{ operatorSession: [] }],
  public: [],
};

/**
 * What any operation may answer: a missing or unknown key, a publishable key on a secret
 * operation, rate limiting in front of the API; with parameters or a body, a value that does
 * not validate (a path segment that does not percent-decode included); with a body, one that
 * is not JSON or is too large.
 */
function commonErrors(spec: OperationSpec): ApiErrorCode[] {
  const takesInput = !!(spec.path ?? spec.query ?? spec.body);
  const signedIn = spec.security !== 'public';
  return [
    ...(takesInput ? (['validation_failed'] as const) : []),
    ...(signedIn ? (['unauthorized'] as const) : []),
    ...(spec.security === 'secret' || spec.security === 'operator' ? (['forbidden'] as const) : []),
    // An operator's session: a role below the operation's, or a write without X-CSRF-Token.
    ...(signedIn ? (['role_forbidden', 'csrf_failed'] as const) : []),
    'rate_limited',
    ...(spec.body ? (['invalid_json', 'payload_too_large'] as const) : []),
  ];
}

/** The error envelope, its `code` narrowed to the codes listed. */
const errorOf = (codes: readonly string[]): Schema => ({
  allOf: [
    ref('Error'),
    {
      type: 'object',
      properties: { error: { type: 'object', properties: { code: enumOf(codes) } } },
    },
  ],
});

/** One OpenAPI operation: its answers, and its 4xx errors by status with their codes. */
export function operation(spec: OperationSpec) {
  const parameters = [
    ...Object.entries(spec.path ?? {}).map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: string(),
    })),
    ...Object.entries(spec.query ?? {}).map(([name, [description, schema, required = false]]) => ({
      name,
      in: 'query',
      required,
      description,
      schema,
    })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(spec.responses)) {
    responses[status] =
      schema === null
        ? { description: 'No content' }
        : schema === 'csv'
          ? { description: 'CSV', content: { 'text/csv': { schema: string() } } }
          : 'jsonOrCsv' in schema
            ? {
                description: 'OK: JSON, or CSV with ?format=csv',
                content: {
                  [JSON_TYPE]: { schema: schema.jsonOrCsv },
                  'text/csv': { schema: string() },
                },
              }
            : { description: 'OK', content: { [JSON_TYPE]: { schema } } };
  }
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of new Set([...commonErrors(spec), ...(spec.errors ?? [])])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: codes.map((code) => `\`${code}\``).join(', '),
      content: { [JSON_TYPE]: { schema: errorOf(codes) } },
    };
  }
  responses.default = {
    description: 'A server error (`internal_error`, or `database_unavailable` with `Retry-After`)',
    content: { [JSON_TYPE]: { schema: ref('Error') } },
  };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.tag],
    security: SECURITY[spec.security],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { [JSON_TYPE]: { schema: spec.body } } } }
      : {}),
    responses,
  };
}
