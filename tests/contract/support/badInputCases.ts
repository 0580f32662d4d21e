import type { OperatorRole } from '@groupkit/client';
import { type ApiErrorCode, ERROR_STATUS } from '@groupkit/mock-api/core';
import spec from '@groupkit/mock-api/openapi.json';
import { expect, it } from 'vitest';
import { createOpenApiValidator } from '../../../packages/mock-api/src/__tests__/support/openapiValidator';
import { contractApi, PUBLISHABLE_KEY, SECRET_KEY } from './api';
import { SEEDED_OPERATORS, signIn, type SignedIn } from './operators';
import { ORIGIN } from './target';

/**
 * The harness of the bad-input suites (`badInput.*.contract.test.ts`): every case goes through
 * the target's real HTTP stack, and is checked for status, a stable code, a message naming
 * what to fix, the OpenAPI contract, and a target left exactly as it was (its whole state;
 * a wrong code may add one failed attempt for its user, and only when the case says so).
 */

export const NOW = new Date('2026-11-23T12:00:00Z');

/** A body sent exactly as written (broken JSON, an empty body), not JSON-encoded. */
export class RawBody {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new RawBody(text);

/** `n` characters: 10,000 of them make the classic "very long string". */
export const long = (n: number, char = 'x') => char.repeat(n);
/** An object of `n` keys `k0`..: one past the property-bag limit is `manyKeys(101)`. */
export const manyKeys = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
/** Nested `depth` objects deep: `{ a: { a: ... } }`. */
export const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });
/** Over the 64 KB body limit once JSON-encoded. */
export const OVERSIZED = long(70_000);

/**
 * The id of a seeded user group, in a case's path or mentions: only the running API knows
 * it, so the case reads it (`GET /v1/user-groups/{slug}`, secret key) when it runs.
 * `capitals` writes it upper-cased (a different string: ids are matched as written).
 */
export const groupIdOf = (slug: string, { capitals = false } = {}) =>
  `{${capitals ? 'ID' : 'id'}:${slug}}`;
const GROUP_ID_PLACEHOLDER = /\{(id|ID):([a-z0-9-]+)\}/g;

/**
 * The id of a seeded code (`codeIdOf('vip', 'VIP-0001')`), read from the group's code list
 * when the case runs, as `groupIdOf` reads a group's.
 */
export const codeIdOf = (slug: string, code: string) => `{code:${slug}:${code}}`;
const CODE_ID_PLACEHOLDER = /\{code:([a-z0-9-]+):([A-Z0-9-]+)\}/g;

/** The bearer key a request sends; `none` sends no credentials at all (sign-in). */
type KeyName = 'secret' | 'publishable' | 'none';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under `/v1`, encoded as it goes on the wire (`groupIdOf` placeholders allowed). */
  path: string;
  body?: unknown;
  /** @default 'secret' (none when `as` names an operator) */
  key?: KeyName;
  /**
   * Sent as this seeded operator: their session cookie (signed in once per file, before the
   * case's "before" state is read) and, on anything but GET, their CSRF token.
   */
  as?: OperatorRole;
  /** With `as`: send no `X-CSRF-Token`, or a wrong one. */
  csrf?: 'missing' | 'wrong';
  /** Extra headers (a session cookie the API never issued). */
  headers?: Record<string, string>;
}

export interface CaseOptions {
  /**
   * The refusal counts as a failed code attempt for the path's user (a redemption that got as
   * far as checking the code: `failAttempt` in the engine's codes.ts), so the user's count in
   * `failedAttempts` must grow by exactly 1. Every other case leaves the counts as they were.
   */
  countsAsFailedAttempt?: boolean;
}

export interface RejectedCase extends ApiRequest, CaseOptions {
  /** What is wrong with the request. */
  name: string;
  status: number;
  code: ApiErrorCode;
  /** What the message must name so the caller can fix it: the field, key, op index or id. */
  mentions: string | readonly string[];
}

export interface ToleratedCase extends ApiRequest {
  name: string;
  /** Extra checks on the 200 body (the suite's API at hand to read what to compare with). */
  expectBody?: (body: unknown) => void | Promise<void>;
}

/**
 * Rejected cases for one endpoint: `(name, body, status, code, mentions, options?)`, or
 * `.invalid(name, body, mentions, options?)` for the common 400 `validation_failed`.
 */
export function endpoint(method: ApiRequest['method'], path: string, key: KeyName = 'secret') {
  const rejected = (
    name: string,
    body: unknown,
    status: number,
    code: ApiErrorCode,
    mentions: RejectedCase['mentions'],
    options: CaseOptions = {},
  ): RejectedCase => ({ name, method, path, key, body, status, code, mentions, ...options });
  return Object.assign(rejected, {
    invalid: (
      name: string,
      body: unknown,
      mentions: RejectedCase['mentions'],
      options?: CaseOptions,
    ) => rejected(name, body, 400, 'validation_failed', mentions, options),
  });
}

/** A rejected request without a body: `(name, status, code, mentions)`. */
export function read(path: string, key: KeyName = 'secret', method: 'GET' | 'DELETE' = 'GET') {
  return (name: string, status: number, code: ApiErrorCode, mentions: RejectedCase['mentions']) =>
    endpoint(method, path, key)(name, undefined, status, code, mentions);
}

/** What every JSON endpoint must refuse before it looks at a single field. */
export function badBodies(at: ReturnType<typeof endpoint>): RejectedCase[] {
  return [
    at('malformed JSON (a trailing comma)', raw('{"a": 1,}'), 400, 'invalid_json', 'JSON'),
    at('an empty body', raw(''), 400, 'invalid_json', 'empty'),
    at('a form-encoded body', raw('a=1&b=2'), 400, 'invalid_json', 'JSON'),
    at.invalid('a JSON array', [], 'body'),
    at.invalid('JSON null', null, 'body'),
    at('a body over 64 KB', { padding: OVERSIZED }, 413, 'payload_too_large', '65536'),
  ];
}

/** The operations of openapi.json as `METHOD /v1/template`, most literal template first. */
const templates = Object.entries(spec.paths)
  .flatMap(([template, ops]) => Object.keys(ops).map((method) => ({ method, template })))
  .map(({ method, template }) => ({
    operation: `${method.toUpperCase()} ${template}`,
    method: method.toUpperCase(),
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literals - a.literals);

export const ALL_OPERATIONS = templates.map((t) => t.operation).sort();

/** Which documented operation a request reaches, or undefined. */
export function operationOf({ method, path }: ApiRequest): string | undefined {
  const pathname = path.split('?')[0] as string;
  return templates.find((t) => t.method === method && t.regex.test(`/v1${pathname}`))?.operation;
}

/** The operations each suite covers; together, every operation of openapi.json. */
export const OPERATIONS_BY_SUITE = {
  users: [
    'DELETE /v1/users/{userId}',
    'GET /v1/audiences/export',
    'GET /v1/groups/{groupId}',
    'GET /v1/session',
    'GET /v1/users',
    'GET /v1/users/{userId}',
    'GET /v1/users/{userId}/memberships',
    'POST /v1/audiences/preview',
    'POST /v1/groups/identify',
    'POST /v1/users/{userId}/membership-changes',
    'POST /v1/users/{userId}/redeem-code',
    'PUT /v1/users/{userId}',
  ],
  userGroups: [
    'DELETE /v1/user-groups/{idOrSlug}',
    'DELETE /v1/user-groups/{idOrSlug}/codes/{codeId}',
    'GET /v1/legacy-user-groups/{legacyId}',
    'GET /v1/user-groups',
    'GET /v1/user-groups/{idOrSlug}',
    'GET /v1/user-groups/{idOrSlug}/codes',
    'GET /v1/user-groups/{idOrSlug}/codes/{codeId}',
    'GET /v1/user-groups/{idOrSlug}/codes/{codeId}/redemptions',
    'GET /v1/user-groups/{id}/conditions-history',
    'GET /v1/user-groups/{id}/legacy-id',
    'PATCH /v1/user-groups/{idOrSlug}/codes/{codeId}',
    'POST /v1/user-groups',
    'POST /v1/user-groups/{idOrSlug}/codes',
    'PUT /v1/user-groups/{idOrSlug}',
  ],
  members: [
    'DELETE /v1/automations/{automationId}',
    'DELETE /v1/user-groups/{id}/users',
    'GET /v1/automations',
    'GET /v1/automations/runs',
    'GET /v1/automations/{automationId}',
    'GET /v1/user-groups/{id}/export-users',
    'GET /v1/user-groups/{id}/users',
    'PATCH /v1/automations/{automationId}',
    'POST /v1/automations',
    'POST /v1/user-groups/{id}/users',
  ],
  project: ['GET /v1/project', 'PATCH /v1/project'],
  operators: [
    'DELETE /v1/operator-session',
    'DELETE /v1/operators/{operatorId}',
    'GET /v1/audit-log',
    'GET /v1/operator-session',
    'GET /v1/operators',
    'PATCH /v1/operators/{operatorId}',
    'POST /v1/operator-session',
    'POST /v1/operators',
  ],
  apiKeys: ['DELETE /v1/api-keys/{keyId}', 'GET /v1/api-keys', 'POST /v1/api-keys'],
  flows: [
    'DELETE /v1/flows/{flowId}',
    'GET /v1/flows',
    'GET /v1/flows/{flowId}',
    'GET /v1/flows/{flowId}/funnel',
    'GET /v1/users/{userId}/flows/{flowId}',
    'POST /v1/flows',
    'POST /v1/flows/{flowId}/versions',
    'POST /v1/flows/{flowId}/versions/{version}/retire',
    'PUT /v1/flows/{flowId}',
    'PUT /v1/users/{userId}/flows/{flowId}',
  ],
} as const;

/** The user a redemption path is for (`/users/{userId}/redeem-code`), decoded. */
function userOfPath(path: string): string {
  const match = /^\/users\/([^/?]+)\//.exec(path);
  if (!match?.[1]) throw new Error(`${path}: no user in the path to count a failed attempt for`);
  return decodeURIComponent(match[1]);
}

/**
 * The API of one bad-input suite: the current target over the default scenario at `NOW`, one
 * world for the whole file (see `contractApi`). Every answer is checked against openapi.json
 * by `contractApi` for the file, and by `contractProblem` for the case that got it.
 */
export function badInputApi() {
  const api = contractApi({ now: () => NOW });
  const validator = createOpenApiValidator();

  /** `text` with every `groupIdOf` placeholder replaced by the id the API gives that group. */
  async function resolveIds(text: string): Promise<string> {
    const slugs = [...new Set([...text.matchAll(GROUP_ID_PLACEHOLDER)].map((m) => m[2]))];
    const ids = new Map<string, string>();
    for (const slug of slugs) {
      const { status, body } = await api.call('GET', `/user-groups/${slug}`, { key: SECRET_KEY });
      if (status !== 200) throw new Error(`groupIdOf('${slug}'): GET answered ${status}`);
      ids.set(slug as string, (body as { id: string }).id);
    }
    const codeIds = new Map<string, string>();
    for (const [placeholder, slug, code] of text.matchAll(CODE_ID_PLACEHOLDER)) {
      const { body } = await api.call('GET', `/user-groups/${slug}/codes`, { key: SECRET_KEY });
      const found = (body as { data: { id: string; code: string }[] }).data.find(
        (c) => c.code === code,
      );
      if (!found) throw new Error(`codeIdOf('${slug}', '${code}'): no such code`);
      codeIds.set(placeholder, found.id);
    }
    return text
      .replace(GROUP_ID_PLACEHOLDER, (_, form: string, slug: string) => {
        const id = ids.get(slug) as string;
        return form === 'ID' ? id.toUpperCase() : id;
      })
      .replace(CODE_ID_PLACEHOLDER, (placeholder) => codeIds.get(placeholder) as string);
  }

  /** One session per seeded role for the file, signed in the first time a case needs it. */
  const sessions = new Map<OperatorRole, Promise<SignedIn>>();
  function sessionOf(role: OperatorRole): Promise<SignedIn> {
    if (!sessions.has(role)) sessions.set(role, signIn(api, SEEDED_OPERATORS[role].email));
    return sessions.get(role) as Promise<SignedIn>;
  }

  /** The request's credentials as headers (signing its operator in first, if need be). */
  async function credentialsOf(request: ApiRequest): Promise<Record<string, string>> {
    const { as, key = as ? 'none' : 'secret', csrf, method } = request;
    const headers: Record<string, string> = {};
    if (key !== 'none') {
      headers.authorization = `Bearer ${key === 'secret' ? SECRET_KEY : PUBLISHABLE_KEY}`;
    }
    if (as) {
      const session = await sessionOf(as);
      headers.cookie = session.cookie;
      if (method !== 'GET' && csrf !== 'missing') {
        headers['x-csrf-token'] = csrf === 'wrong' ? `${session.csrfToken}0` : session.csrfToken;
      }
    }
    return { ...headers, ...request.headers };
  }

  /** The request as it goes on the wire (placeholders resolved). */
  async function send(request: ApiRequest): Promise<Response> {
    const { method, path, body } = request;
    const headers = await credentialsOf(request);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return api.fetch(await resolveIds(path), {
      method,
      headers,
      body:
        body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body),
    });
  }

  /** `null` when the response matches openapi.json, else the problem. */
  const contractProblem = async (request: ApiRequest, response: Response) =>
    validator.check(
      request.method,
      new URL(`${ORIGIN}/v1${await resolveIds(request.path)}`).pathname,
      response.clone(),
    );

  return { ...api, send, contractProblem, resolveIds, credentialsOf };
}

export type BadInputApi = ReturnType<typeof badInputApi>;

const shortPath = (path: string) => (path.length > 60 ? `${path.slice(0, 57)}...` : path);

/**
 * One test per case: the answer is the documented error, and the target's whole state is
 * as it was. Cases that count a failed attempt each redeem as their own user, so none of
 * them can reach the lockout (5 failures in 10 minutes) and answer 429 instead.
 */
export function itRejects(api: BadInputApi, cases: readonly RejectedCase[]) {
  const counted = cases.filter((c) => c.countsAsFailedAttempt).map((c) => userOfPath(c.path));
  const repeated = counted.filter((user, i) => counted.indexOf(user) !== i);
  if (repeated.length > 0) {
    throw new Error(`failed attempts counted twice for ${repeated.join(', ')}: use another user`);
  }

  const rows = cases.map(
    (c) => [`${c.method} ${shortPath(c.path)}: ${c.name} → ${c.status} ${c.code}`, c] as const,
  );
  it.each(rows)('%s', async (_, c) => {
    const mentions = await Promise.all([c.mentions].flat().map(api.resolveIds));
    await api.credentialsOf(c); // a sign-in the case needs changes state: before "before"
    const before = await api.dump();
    const response = await api.send(c);
    const problem = await api.contractProblem(c, response);
    const { error } = await response.json();

    expect(response.status).toBe(c.status);
    expect(error.code).toBe(c.code);
    expect(ERROR_STATUS[error.code as ApiErrorCode], 'status of the code in ERROR_STATUS').toBe(
      c.status,
    );
    for (const mention of mentions) expect(error.message).toContain(mention);
    expect(problem, 'openapi.json').toBeNull();

    const after = await api.dump();
    expect(after.state, 'state after the refused request').toEqual(before.state);
    const failedAttempts = { ...before.failedAttempts };
    if (c.countsAsFailedAttempt) {
      const user = userOfPath(c.path);
      expect(before.failedAttempts[user] ?? 0, `${user}: failed attempts before`).toBe(0);
      failedAttempts[user] = 1;
    }
    expect(after.failedAttempts, 'failed code attempts after the refused request').toEqual(
      failedAttempts,
    );
  });
}

/** Reads with odd but harmless input: 200, as documented, and nothing changes. */
export function itTolerates(api: BadInputApi, cases: readonly ToleratedCase[]) {
  const rows = cases.map((c) => [`${c.method} ${shortPath(c.path)}: ${c.name} → 200`, c] as const);
  it.each(rows)('%s', async (_, c) => {
    await api.credentialsOf(c);
    const before = await api.dump();
    const response = await api.send(c);
    const problem = await api.contractProblem(c, response);

    expect(response.status).toBe(200);
    expect(problem, 'openapi.json').toBeNull();
    await c.expectBody?.(await response.json());
    expect(await api.dump(), 'state after the read').toEqual(before);
  });
}

/** The suite's cases reach exactly the operations it claims. */
export function expectCovers(
  suite: keyof typeof OPERATIONS_BY_SUITE,
  cases: readonly ApiRequest[],
) {
  const reached = [...new Set(cases.map(operationOf))].filter((o) => o !== undefined).sort();
  expect(reached).toEqual([...OPERATIONS_BY_SUITE[suite]]);
}

/**
 * How many user groups the directory (publishable key) lists, counted page by page rather
 * than read off `total`, so it can be checked against `total`.
 */
export async function countDirectory(api: BadInputApi): Promise<number> {
  let count = 0;
  for (let page = 1; ; page++) {
    const { status, body } = await api.call('GET', `/user-groups?page=${page}&page_size=200`);
    expect(status, 'GET /user-groups').toBe(200);
    const { data, total } = body as { data: unknown[]; total: number };
    count += data.length;
    if (data.length === 0 || count >= total) return count;
  }
}

/** After the bad cases: a user joins and leaves a group, and the directory still lists. */
export async function expectServesGoodRequests(api: BadInputApi) {
  const requests: ApiRequest[] = [
    {
      method: 'POST',
      path: '/users/u_alan/membership-changes',
      body: { changes: '+community' },
      key: 'publishable',
    },
    { method: 'GET', path: '/users/u_alan/memberships', key: 'publishable' },
    {
      method: 'POST',
      path: '/users/u_alan/membership-changes',
      body: { changes: [{ op: 'remove', group: 'community' }] },
      key: 'publishable',
    },
    { method: 'GET', path: '/user-groups', key: 'publishable' },
  ];
  const bodies: unknown[] = [];
  for (const request of requests) {
    const response = await api.send(request);
    expect(await api.contractProblem(request, response), 'openapi.json').toBeNull();
    expect(response.status, `${request.method} ${request.path}`).toBe(200);
    bodies.push(await response.json());
  }
  const [joined, memberships, left, directory] = bodies as [
    { applied: unknown[] },
    { data: { slug: string }[] },
    { applied: unknown[]; memberships: { slug: string }[] },
    { total: number },
  ];
  expect(joined.applied).toEqual([{ op: 'add', group: 'community', result: 'added' }]);
  expect(memberships.data.map((m) => m.slug)).toContain('community');
  expect(left.applied).toEqual([{ op: 'remove', group: 'community', result: 'removed' }]);
  expect(left.memberships.map((m) => m.slug)).not.toContain('community');
  expect(directory.total).toBe(await countDirectory(api));
}
