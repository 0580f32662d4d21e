import { expect, it } from 'vitest';
import spec from '../../../openapi.json';
import { type ApiErrorCode, ERROR_STATUS, isGroupsEngineError } from '../../engine/errors';
import { createSequentialIds } from '../../engine/ids';
import type { Page } from '../../engine/types';
import { PUBLISHABLE_KEY, SECRET_KEY } from '../../api/auth';
import { serveMockApi } from './mockServer';
import { createOpenApiValidator } from './openapiValidator';

/**
 * The harness of the bad-input suites (`badInput.*.http.test.ts`): every case goes through
 * the real handlers over MSW and fetch, and is checked for status, a stable code, a message
 * naming what to fix, the OpenAPI contract, and an engine left exactly as it was.
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

type KeyName = 'secret' | 'publishable';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under `/v1`, encoded as it goes on the wire. */
  path: string;
  body?: unknown;
  /** @default 'secret' */
  key?: KeyName;
}

interface Focus {
  /** Users whose profile and memberships the snapshot records (the path's user is added). */
  users?: readonly string[];
  /** Account groups the snapshot records (`acme` and the path's group are added). */
  accountGroups?: readonly string[];
}

export interface RejectedCase extends ApiRequest, Focus {
  /** What is wrong with the request. */
  name: string;
  status: number;
  code: ApiErrorCode;
  /** What the message must name so the caller can fix it: the field, key, op index or id. */
  mentions: string | readonly string[];
}

export interface ToleratedCase extends ApiRequest, Focus {
  name: string;
  /** Extra checks on the 200 body. */
  expectBody?: (body: unknown) => void;
}

/**
 * Rejected cases for one endpoint: `(name, body, status, code, mentions, focus?)`, or
 * `.invalid(name, body, mentions, focus?)` for the common 400 `validation_failed`.
 */
export function endpoint(method: ApiRequest['method'], path: string, key: KeyName = 'secret') {
  const rejected = (
    name: string,
    body: unknown,
    status: number,
    code: ApiErrorCode,
    mentions: RejectedCase['mentions'],
    focus: Focus = {},
  ): RejectedCase => ({ name, method, path, key, body, status, code, mentions, ...focus });
  return Object.assign(rejected, {
    invalid: (name: string, body: unknown, mentions: RejectedCase['mentions'], focus?: Focus) =>
      rejected(name, body, 400, 'validation_failed', mentions, focus),
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
    'GET /v1/groups/{groupId}',
    'GET /v1/session',
    'GET /v1/users/{userId}/memberships',
    'POST /v1/groups/identify',
    'POST /v1/users/{userId}/membership-changes',
    'POST /v1/users/{userId}/redeem-code',
    'PUT /v1/users/{userId}',
  ],
  userGroups: [
    'DELETE /v1/user-groups/{idOrSlug}',
    'GET /v1/user-groups',
    'GET /v1/user-groups/by-legacy-id/{legacyId}',
    'GET /v1/user-groups/{idOrSlug}',
    'GET /v1/user-groups/{idOrSlug}/codes',
    'GET /v1/user-groups/{id}/conditions-history',
    'GET /v1/user-groups/{id}/legacy-id',
    'POST /v1/user-groups',
    'POST /v1/user-groups/{idOrSlug}/codes',
    'PUT /v1/user-groups/{idOrSlug}',
  ],
  members: [
    'DELETE /v1/user-groups/{id}/users',
    'GET /v1/automations',
    'GET /v1/automations/runs',
    'GET /v1/user-groups/{id}/export-users',
    'GET /v1/user-groups/{id}/users',
    'POST /v1/automations',
    'POST /v1/user-groups/{id}/users',
  ],
} as const;

const validator = createOpenApiValidator();

/** Reads an engine value, or `'missing'` when the engine says it does not exist. */
function readOr<T>(readValue: () => T): T | 'missing' {
  try {
    return readValue();
  } catch (error) {
    if (isGroupsEngineError(error)) return 'missing';
    throw error;
  }
}

function allPages<T>(list: (query: { page: string; page_size: string }) => Page<T>): T[] {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = list({ page: String(page), page_size: '200' });
    items.push(...data);
    if (data.length === 0 || items.length >= total) return items;
  }
}

/** The path segment after `/${after}/`, decoded, if the path has one that decodes. */
function segmentAfter(path: string, after: string): string[] {
  const match = new RegExp(`/${after}/([^/?]+)`).exec(path);
  try {
    return match?.[1] ? [decodeURIComponent(match[1])] : [];
  } catch {
    return [];
  }
}

/**
 * An MSW server over the default scenario for one suite, with a fixed clock and an id
 * generator that counts, so a refused request that used up an id shows in the snapshot.
 */
export function serveBadInputApi(name: string) {
  let issued = 0;
  const nextId = createSequentialIds();
  const baseUrl = `https://${name}.groupkit.test`;
  const { engine } = serveMockApi({
    baseUrl,
    now: () => NOW,
    ids: () => {
      issued++;
      return nextId();
    },
  });

  const url = (path: string) => `${baseUrl}/v1${path}`;

  function send({ method, path, body, key = 'secret' }: ApiRequest): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${key === 'secret' ? SECRET_KEY : PUBLISHABLE_KEY}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(url(path), {
      method,
      headers,
      body:
        body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body),
    });
  }

  /** Everything a refused request could have touched, deep-copied. */
  function snapshot(request: ApiRequest & Focus) {
    const users = [
      ...new Set([
        'u_ada',
        'u_grace',
        'u_alan',
        ...(request.users ?? []),
        ...segmentAfter(request.path, 'users'),
      ]),
    ];
    const accountGroups = [
      ...new Set([
        'acme',
        ...(request.accountGroups ?? []),
        ...segmentAfter(request.path, 'groups'),
      ]),
    ];
    const groups = allPages((query) => engine.listUserGroups(query));
    return structuredClone({
      idsIssued: issued,
      userGroups: groups,
      members: Object.fromEntries(
        groups.map((g) => [g.slug, allPages((query) => engine.listUserGroupMembers(g.id, query))]),
      ),
      codes: Object.fromEntries(groups.map((g) => [g.slug, engine.listCodes(g.id)])),
      history: Object.fromEntries(groups.map((g) => [g.slug, engine.listConditionsHistory(g.id)])),
      automations: engine.listAutomations(),
      runs: engine.listAutomationRuns(),
      users: Object.fromEntries(
        users.map((id) => [
          id,
          readOr(() => ({
            profile: engine.getSession(id).user,
            memberships: engine.listMemberships(id),
          })),
        ]),
      ),
      accountGroups: Object.fromEntries(
        accountGroups.map((id) => [id, readOr(() => engine.getAccountGroup(id))]),
      ),
    });
  }

  /** `null` when the response matches openapi.json, else the problem. */
  const contractProblem = (request: ApiRequest, response: Response) =>
    validator.check(request.method, new URL(url(request.path)).pathname, response.clone());

  return { engine, send, snapshot, contractProblem };
}

export type BadInputApi = ReturnType<typeof serveBadInputApi>;

const shortPath = (path: string) => (path.length > 60 ? `${path.slice(0, 57)}...` : path);

/** One test per case: the answer is the documented error, and the engine is untouched. */
export function itRejects(api: BadInputApi, cases: readonly RejectedCase[]) {
  const rows = cases.map(
    (c) => [`${c.method} ${shortPath(c.path)}: ${c.name} → ${c.status} ${c.code}`, c] as const,
  );
  it.each(rows)('%s', async (_, c) => {
    const before = api.snapshot(c);
    const response = await api.send(c);
    const problem = await api.contractProblem(c, response);
    const { error } = await response.json();

    expect(response.status).toBe(c.status);
    expect(error.code).toBe(c.code);
    expect(ERROR_STATUS[error.code as ApiErrorCode], 'status of the code in ERROR_STATUS').toBe(
      c.status,
    );
    for (const mention of [c.mentions].flat()) expect(error.message).toContain(mention);
    expect(problem, 'openapi.json').toBeNull();
    expect(api.snapshot(c), 'engine state after the refused request').toEqual(before);
  });
}

/** Reads with odd but harmless input: 200, as documented, and nothing changes. */
export function itTolerates(api: BadInputApi, cases: readonly ToleratedCase[]) {
  const rows = cases.map((c) => [`${c.method} ${shortPath(c.path)}: ${c.name} → 200`, c] as const);
  it.each(rows)('%s', async (_, c) => {
    const before = api.snapshot(c);
    const response = await api.send(c);
    const problem = await api.contractProblem(c, response);

    expect(response.status).toBe(200);
    expect(problem, 'openapi.json').toBeNull();
    c.expectBody?.(await response.json());
    expect(api.snapshot(c), 'engine state after the read').toEqual(before);
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
  expect(directory.total).toBe(api.engine.listViewableUserGroups().length);
}
