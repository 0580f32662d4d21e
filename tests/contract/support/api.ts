import { PUBLISHABLE_KEY, SECRET_KEY } from '@groupkit/mock-api/core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createOpenApiValidator } from '../../../packages/mock-api/src/__tests__/support/openapiValidator';
import { ORIGIN, worldsOfFile, type World, type WorldOptions } from './target';

export { PUBLISHABLE_KEY, SECRET_KEY };

const validator = createOpenApiValidator();

/** JSON when it parses, the text otherwise (CSV), null for no body. */
const parseBody = (text: string) => {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A signed-in operator, as a browser holds one: the session cookie and the CSRF token. */
export interface OperatorCredentials {
  /** `groupkit_session=<token>`, as a `Cookie` header sends it. */
  cookie: string;
  csrfToken: string;
}

export interface CallOptions {
  /** The bearer key; `null` sends none. @default PUBLISHABLE_KEY, or none with `session` */
  key?: string | null;
  /** Sends the operator's cookie, and on anything but GET their `X-CSRF-Token`. */
  session?: OperatorCredentials;
  /** JSON-encoded unless a string (sent as written). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ContractApiOptions extends WorldOptions {
  /** A fresh world before every test (else one for the whole file). @default false */
  perTest?: boolean;
}

/**
 * The contract suite's client: requests to the current target's world, each answer checked
 * against openapi.json (the file fails if any answer broke the contract, or none was checked).
 */
export function contractApi(options: ContractApiOptions = {}) {
  const { openWorld } = worldsOfFile();
  let world: World | undefined;
  const checks: Promise<string | null>[] = [];

  const reset = async (worldOptions: WorldOptions = options) => {
    world = await openWorld(worldOptions);
  };
  if (options.perTest) beforeEach(() => reset());
  else beforeAll(() => reset(), 60_000);
  afterAll(async () => {
    const problems = (await Promise.all(checks)).filter((p): p is string => p !== null);
    expect(problems, 'responses that do not match openapi.json').toEqual([]);
    expect(checks.length, 'responses checked against openapi.json').toBeGreaterThan(0);
  });

  /** A raw request under /v1 (`path` as it goes on the wire), checked against openapi.json. */
  async function fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
    if (!world) throw new Error('contractApi: no world yet (call it at the top of the file)');
    const response = await world.fetch(path, init);
    const method = (init.method ?? 'GET').toUpperCase();
    checks.push(validator.check(method, new URL(`${ORIGIN}/v1${path}`).pathname, response.clone()));
    return response;
  }

  /** A JSON request: `{ status, headers, body }` with the body parsed (null when empty). */
  async function call(
    method: string,
    path: string,
    { session, key = session ? null : PUBLISHABLE_KEY, body, headers }: CallOptions = {},
  ) {
    const response = await fetchApi(path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(session ? { cookie: session.cookie } : {}),
        ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseBody(text) };
  }

  /** The slugs of a user's groups, read with the secret key. */
  async function slugsOf(userId: string): Promise<string[]> {
    const { body } = await call('GET', `/users/${userId}/memberships`, { key: SECRET_KEY });
    return (body.data as { slug: string }[]).map((m) => m.slug);
  }

  return {
    call,
    fetch: fetchApi,
    slugsOf,
    /** Starts a new world (another scenario or clock) for the tests that follow. */
    reset,
    /** Everything the target holds, for "nothing changed" checks. */
    dump: () => (world as World).dump(),
  };
}

export type ContractApi = ReturnType<typeof contractApi>;
