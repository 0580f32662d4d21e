import { delay, HttpResponse, http } from 'msw';
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GroupKitApiError, GroupKitNetworkError } from '../errors';
import type { RetryOptions } from '../retry';
import { BASE, PUBLISHABLE_KEY, rejection, testClient, setupMockApi } from './mockApi';

const api = setupMockApi();
const SESSION = `${BASE}/v1/session`;

/** A client whose backoff waits are recorded instead of slept. */
function retryingClient(retry: RetryOptions = {}, options = {}) {
  const delays: number[] = [];
  const client = testClient(PUBLISHABLE_KEY, {
    retry: {
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...retry,
    },
    ...options,
  });
  return { client, delays };
}

const apiError = (status: number, code: string, headers?: HeadersInit) =>
  HttpResponse.json(
    { error: { code, message: `${code} (test)`, details: {} } },
    { status, headers },
  );

/** Answers with `responses` in turn, then lets the real mock answer; counts the calls. */
function failFirst(method: 'get' | 'post', url: string, ...responses: (() => Response)[]) {
  const calls = { count: 0 };
  api.server.use(
    http[method](url, () => {
      calls.count += 1;
      return responses[calls.count - 1]?.();
    }),
  );
  return calls;
}

describe('retrying reads', () => {
  it('retries a 500 and returns the answer that followed', async () => {
    const calls = failFirst('get', SESSION, () => apiError(500, 'internal_error'));
    const { client, delays } = retryingClient();
    const session = await client.getSession({ userId: 'u_ada' });
    expect(session.user.id).toBe('u_ada');
    expect(calls.count).toBe(2);
    expect(delays).toEqual([125]); // half of the 250 ms cap: full jitter with random() = 0.5
  });

  it('backs off exponentially up to maxDelayMs, then throws the last error', async () => {
    const calls = failFirst(
      'get',
      SESSION,
      () => apiError(500, 'internal_error'),
      () => HttpResponse.error(),
      () => apiError(503, 'internal_error'),
      () => apiError(502, 'internal_error'),
    );
    const { client, delays } = retryingClient({ random: () => 0.999, maxDelayMs: 800 });
    const error = await rejection(client.getSession({ userId: 'u_ada' }));
    expect(error).toBeInstanceOf(GroupKitApiError);
    expect((error as GroupKitApiError).status).toBe(502);
    expect(calls.count).toBe(4); // the first attempt and the default 3 retries
    expect(delays).toEqual([249, 499, 799]);
  });

  it('retries a dropped connection', async () => {
    failFirst('get', SESSION, () => HttpResponse.error());
    const { client } = retryingClient();
    await expect(client.getSession({ userId: 'u_ada' })).resolves.toMatchObject({
      user: { id: 'u_ada' },
    });
  });

  it('times out each attempt on its own, so a hung attempt is retried', async () => {
    failFirst('get', SESSION, () => delay('infinite') as unknown as Response);
    const { client, delays } = retryingClient({}, { timeoutMs: 50 });
    await expect(client.getSession({ userId: 'u_ada' })).resolves.toMatchObject({
      user: { id: 'u_ada' },
    });
    expect(delays).toHaveLength(1);
  });

  it('waits at least Retry-After on a 429', async () => {
    const calls = failFirst('get', SESSION, () =>
      apiError(429, 'rate_limited', { 'retry-after': '2' }),
    );
    const { client, delays } = retryingClient({ random: () => 0 });
    await client.getSession({ userId: 'u_ada' });
    expect(calls.count).toBe(2);
    expect(delays).toEqual([2000]);
  });

  it('does not wait out a Retry-After beyond maxDelayMs: it throws with retryAt', async () => {
    failFirst('get', SESSION, () => apiError(429, 'rate_limited', { 'retry-after': '60' }));
    const { client, delays } = retryingClient();
    const error = (await rejection(client.getSession({ userId: 'u_ada' }))) as GroupKitApiError;
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 60 });
    expect(error.retryAt?.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(delays).toEqual([]);
  });

  it('never retries a 404', async () => {
    const calls = failFirst('get', `${BASE}/v1/groups/:id`, () => apiError(404, 'group_not_found'));
    const { client, delays } = retryingClient();
    expect(await rejection(client.getGroup('acme'))).toMatchObject({ code: 'group_not_found' });
    expect(calls.count).toBe(1);
    expect(delays).toEqual([]);
  });

  it('does not retry at all with retries: 0', async () => {
    const calls = failFirst('get', SESSION, () => apiError(500, 'internal_error'));
    const { client } = retryingClient({ retries: 0 });
    expect(await rejection(client.getSession({ userId: 'u_ada' }))).toMatchObject({
      status: 500,
    });
    expect(calls.count).toBe(1);
  });
});

describe('retrying writes', () => {
  it('does not retry a POST without an Idempotency-Key', async () => {
    const calls = failFirst('post', `${BASE}/v1/users/:userId/redeem-code`, () =>
      HttpResponse.error(),
    );
    const { client, delays } = retryingClient();
    const error = await rejection(client.redeemCode('u_alan', { code: 'BETA-2026' }));
    expect(error).toBeInstanceOf(GroupKitNetworkError);
    expect(calls.count).toBe(1);
    expect(delays).toEqual([]);
    expect(api.engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('beta');
  });

  it('retries a change whose answer was lost with the same key, and applies it once', async () => {
    const url = `${BASE}/v1/users/:userId/membership-changes`;
    const keys: (string | null)[] = [];
    let lost = false;
    api.server.use(
      // Records every attempt, then falls through to the next handler.
      http.post(url, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
      }),
      // The first attempt reaches the server and is applied, as the real route would apply
      // it, but its answer never arrives.
      http.post(url, async ({ request }) => {
        if (lost) return undefined;
        lost = true;
        const body = (await request.json()) as { changes: string };
        api.engine.idempotent(
          {
            // Stored answers are scoped by the calling key's id (the demo key's is pk_test).
            apiKey: 'pk_test',
            userId: 'u_alan',
            key: request.headers.get('idempotency-key'),
            body,
          },
          () =>
            api.engine.changeMemberships({
              userId: 'u_alan',
              changes: body.changes,
              dryRun: false,
              actor: 'user',
            }),
        );
        return HttpResponse.error();
      }),
    );
    const { client, delays } = retryingClient();
    const automation = api.engine.createAutomation({
      name: 'Newsletter welcome',
      trigger: { event: 'added_to', group: 'newsletter' },
      action: { type: 'email', template: 'newsletter-welcome' },
    });

    const result = await client.changeMemberships('u_alan', '+newsletter');

    expect(delays).toHaveLength(1);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    // The replayed first answer: "added", not the "unchanged" a second application gives.
    expect(result.applied).toEqual([{ op: 'add', group: 'newsletter', result: 'added' }]);
    expect(result.automations).toEqual([
      { automationId: automation.id, name: 'Newsletter welcome', opIndex: 0 },
    ]);
    expect(api.engine.listAutomationRuns('u_alan')).toHaveLength(1);
  });

  it('uses a new key for each logical change', async () => {
    const keys: (string | null)[] = [];
    api.server.use(
      http.post(`${BASE}/v1/users/:userId/membership-changes`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
      }),
    );
    const { client } = retryingClient();
    await client.changeMemberships('u_alan', '+newsletter');
    await client.changeMemberships('u_alan', '-newsletter');
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });
});

describe('aborting', () => {
  it('rejects promptly with the abort reason while waiting between retries', async () => {
    api.server.use(http.get(SESSION, () => apiError(503, 'internal_error')));
    const controller = new AbortController();
    const sleeps: number[] = [];
    const client = testClient(PUBLISHABLE_KEY, {
      retry: {
        // A sleep that never ends: only the abort can end the wait.
        sleep: (ms) => {
          sleeps.push(ms);
          controller.abort(new Error('user left the page'));
          return new Promise(() => {});
        },
      },
    });
    const error = await rejection(
      client.getSession({ userId: 'u_ada' }, { signal: controller.signal }),
    );
    expect((error as Error).message).toBe('user left the page');
    expect(sleeps).toHaveLength(1);
  });

  it('stops the built-in backoff timer on abort', async () => {
    api.server.use(http.get(SESSION, () => apiError(503, 'internal_error')));
    const client = testClient(PUBLISHABLE_KEY, {
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1 },
    });
    const controller = new AbortController();
    const started = Date.now();
    const pending = rejection(
      client.getSession({ userId: 'u_ada' }, { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error('cancelled')), 30);
    expect(((await pending) as Error).message).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('leaves no listener on a signal that outlives many retries', async () => {
    // A provider's change queue keeps one signal for its whole life: every wait must take
    // its listeners off again, or a long outage piles them up.
    api.server.use(http.get(SESSION, () => apiError(503, 'internal_error')));
    const controller = new AbortController();
    const client = testClient(PUBLISHABLE_KEY, {
      retry: { retries: 20, baseDelayMs: 1, maxDelayMs: 2 },
    });
    for (let i = 0; i < 3; i++) {
      await rejection(client.getSession({ userId: 'u_ada' }, { signal: controller.signal }));
    }
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  });
});
