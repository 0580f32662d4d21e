import openapi from '@groupkit/mock-api/openapi.json';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type GroupKitApiError,
  GroupKitChangeError,
  GroupKitError,
  GroupKitErrorCode,
  isGroupKitError,
} from '../errors';
import { parseChanges } from '../parseChanges';
import { BASE, PUBLISHABLE_KEY, rejection, testClient, setupMockApi } from './mockApi';

const api = setupMockApi();
const client = testClient(PUBLISHABLE_KEY);

function rateLimitedWith(retryAfter: string | null) {
  api.server.use(
    http.get(`${BASE}/v1/session`, () =>
      HttpResponse.json(
        { error: { code: 'rate_limited', message: 'Slow down.', details: {} } },
        { status: 429, headers: retryAfter === null ? {} : { 'retry-after': retryAfter } },
      ),
    ),
  );
  return rejection(client.getSession({ userId: 'u_ada' })) as Promise<GroupKitApiError>;
}

describe('GroupKitErrorCode', () => {
  it('has exactly the error codes of the OpenAPI contract', () => {
    const contract = openapi.components.schemas.Error.properties.error.properties.code.enum;
    expect(Object.keys(GroupKitErrorCode).sort()).toEqual([...contract].sort());
    for (const [key, value] of Object.entries(GroupKitErrorCode)) expect(value).toBe(key);
  });
});

describe('GroupKitError: one base with a stable code', () => {
  it('API, network and parse errors are all GroupKitErrors, each with its code', async () => {
    const refused = await rejection(client.getUserGroup('no-such-group'));
    const offline = testClient(PUBLISHABLE_KEY, {
      retry: { retries: 0 },
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const unanswered = await rejection(offline.getSession({ userId: 'u_ada' }));
    let unparsed: unknown;
    try {
      parseChanges('+pro,,-plus');
    } catch (error) {
      unparsed = error;
    }
    expect([refused, unanswered, unparsed].map(isGroupKitError)).toEqual([true, true, true]);
    expect(refused).toMatchObject({ name: 'GroupKitApiError', code: 'user_group_not_found' });
    expect(unanswered).toMatchObject({ name: 'GroupKitNetworkError', code: 'network_error' });
    expect(unparsed).toBeInstanceOf(GroupKitChangeError);
    expect(unparsed).toMatchObject({ code: 'invalid_change', index: 1 });
  });

  it("the SDK's own errors carry their code and cause", () => {
    const cause = new TypeError('boom');
    const error = new GroupKitError('unexpected', 'TypeError: boom', { cause });
    expect(error).toMatchObject({ name: 'GroupKitError', code: 'unexpected', cause });
    expect(error).toBeInstanceOf(Error);
    expect(isGroupKitError(new Error('plain'))).toBe(false);
  });
});

describe('Retry-After on GroupKitApiError', () => {
  it('reads delay-seconds into retryAfter and retryAt', async () => {
    const before = Date.now();
    const error = await rateLimitedWith('2');
    expect(error.retryAfter).toBe(2);
    expect(error.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 2000);
    expect(error.retryAt?.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
  });

  it('reads an HTTP-date', async () => {
    // HTTP-dates have whole seconds, so the header is 29-30 s away.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 30_000);
    const error = await rateLimitedWith(at.toUTCString());
    expect(error.retryAfter).toBeGreaterThanOrEqual(29);
    expect(error.retryAfter).toBeLessThanOrEqual(30);
    expect(Math.abs((error.retryAt?.getTime() ?? 0) - at.getTime())).toBeLessThan(1500);
  });

  it('leaves both undefined without the header, or with one it cannot read', async () => {
    expect(await rateLimitedWith(null)).toMatchObject({
      retryAfter: undefined,
      retryAt: undefined,
    });
    expect(await rateLimitedWith('soon')).toMatchObject({ retryAfter: undefined });
  });

  it("carries the mock's Retry-After after too many wrong codes, without retrying them", async () => {
    const retrying = testClient(PUBLISHABLE_KEY, { retry: { sleep: async () => {} } });
    const errors: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      errors.push(await rejection(retrying.redeemCode('u_alan', { code: `WRONG-${i}` })));
    }
    expect(errors.slice(0, 5)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ code: 'code_invalid' })),
    );
    const limited = errors[5] as GroupKitApiError;
    expect(limited).toMatchObject({ status: 429, code: GroupKitErrorCode.too_many_attempts });
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.retryAt).toBeInstanceOf(Date);
  });
});
