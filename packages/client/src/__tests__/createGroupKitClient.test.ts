import { createMockServer } from '@groupkit/mock-api/node';
import { delay, HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGroupKitClient } from '../createGroupKitClient';
import {
  type GroupKitApiError,
  GroupKitNetworkError,
  isGroupKitApiError,
  isGroupKitNetworkError,
} from '../errors';

const BASE = 'https://api.groupkit.test';
const { server } = createMockServer({ baseUrl: BASE });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// No retries here: these tests are about what one attempt turns into (see retry.test.ts).
const client = createGroupKitClient({
  apiKey: 'pk_test_groupkit',
  baseUrl: `${BASE}/`,
  retry: { retries: 0 },
});

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('createGroupKitClient', () => {
  it('loads a session through the mocked API', async () => {
    const session = await client.getSession({ userId: 'u_ada', groupId: 'acme' });
    expect(session.group?.name).toBe('Acme Co.');
    expect(session.memberships.map((m) => m.slug)).toContain('pro');
    expect(session.userGroups[0]?.slug).toBe('newsletter');
  });

  it('reads memberships, the account group and the directory', async () => {
    expect((await client.listMemberships('u_grace')).map((m) => m.slug)).toEqual([
      'customer',
      'plus',
    ]);
    expect((await client.getGroup('acme')).properties.seats).toBe(25);
    const directory = await client.listUserGroups({ includeScheduled: true });
    expect(directory.data.map((g) => g.slug)).toContain('spring-summit');
    expect(directory.total).toBe(directory.data.length);
  });

  it('throws a typed GroupKitApiError with the contract code and request id', async () => {
    server.use(
      http.get(`${BASE}/v1/groups/:id`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'group_not_found',
              message: 'No account group "x".',
              details: { groupId: 'x' },
            },
          },
          { status: 404, headers: { 'x-request-id': 'req_123' } },
        ),
      ),
    );
    const error = await rejection(client.getGroup('x'));
    expect(isGroupKitApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 404,
      code: 'group_not_found',
      details: { groupId: 'x' },
      requestId: 'req_123',
    });
  });

  it('explains a non-GroupKit error body (e.g. a proxy page) instead of failing to parse it', async () => {
    server.use(
      http.get(
        `${BASE}/v1/session`,
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 }),
      ),
    );
    const error = (await rejection(client.getSession({ userId: 'u_ada' }))) as GroupKitApiError;
    expect(error.code).toBe('http_error');
    expect(error.message).toMatch(/answered 502 without a GroupKit error body/);
  });

  it('turns a dropped connection into a GroupKitNetworkError', async () => {
    server.use(http.get(`${BASE}/v1/session`, () => HttpResponse.error()));
    const error = await rejection(client.getSession({ userId: 'u_ada' }));
    expect(isGroupKitNetworkError(error)).toBe(true);
    expect((error as GroupKitNetworkError).timedOut).toBe(false);
  });

  it('turns a connection dropped mid-body into a GroupKitNetworkError', async () => {
    const broken = createGroupKitClient({
      apiKey: 'pk_test_groupkit',
      retry: { retries: 0 },
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"user":'));
              controller.error(new TypeError('terminated'));
            },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    });
    const error = await rejection(broken.getSession({ userId: 'u_ada' }));
    expect(isGroupKitNetworkError(error)).toBe(true);
    expect((error as Error).message).toMatch(/connection dropped while the answer was arriving/);
  });

  it('times out with timedOut set, and leaves a caller abort as the abort reason', async () => {
    server.use(http.get(`${BASE}/v1/session`, () => delay('infinite')));
    const slow = createGroupKitClient({
      apiKey: 'pk_test_groupkit',
      baseUrl: BASE,
      timeoutMs: 30,
      retry: { retries: 0 },
    });
    const timedOut = (await rejection(
      slow.getSession({ userId: 'u_ada' }),
    )) as GroupKitNetworkError;
    expect(timedOut).toBeInstanceOf(GroupKitNetworkError);
    expect(timedOut.timedOut).toBe(true);

    const controller = new AbortController();
    const pending = client.getSession({ userId: 'u_ada' }, { signal: controller.signal });
    controller.abort(new Error('user navigated away'));
    expect(((await rejection(pending)) as Error).message).toBe('user navigated away');
  });

  it('refuses a missing or malformed key with a message saying what to pass', () => {
    expect(() => createGroupKitClient({ apiKey: '' })).toThrowError(
      /apiKey must be a GroupKit key/,
    );
    expect(() => createGroupKitClient({ apiKey: 'groupkit' })).toThrowError(/pk_test_/);
  });

  it('has only the end-user methods, so browser bundles cannot ship the admin ones', async () => {
    const { createGroupKitClient: fromEntry } = await import('../index');
    const browser = fromEntry({ apiKey: 'pk_test_groupkit' });
    expect(Object.keys(browser).sort()).toEqual([
      'apiKey',
      'baseUrl',
      'changeMemberships',
      'core',
      'getGroup',
      'getSession',
      'getUserFlow',
      'getUserGroup',
      'identifyGroup',
      'listMemberships',
      'listUserGroups',
      'redeemCode',
      'saveFlowProgress',
    ]);
    for (const name of ['createUserGroup', 'upsertUser', 'createCodes', 'listAutomations']) {
      expect(browser).not.toHaveProperty(name);
    }
    // @ts-expect-error admin methods are not part of GroupKitClient's type either
    expect(browser.createUserGroup).toBeUndefined();
  });

  it('sends the user hash when given one', async () => {
    let seen: string | null = null;
    server.use(
      http.get(`${BASE}/v1/users/:id/memberships`, ({ request }) => {
        seen = request.headers.get('x-groupkit-user-hash');
        return HttpResponse.json({ data: [] });
      }),
    );
    await createGroupKitClient({
      apiKey: 'pk_test_groupkit',
      baseUrl: BASE,
      userHash: 'abc',
    }).listMemberships('u_ada');
    expect(seen).toBe('abc');
  });
});
