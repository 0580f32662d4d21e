import openapi from '@groupkit/mock-api/openapi.json';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { type GroupKitApiError, GroupKitErrorCode } from '../errors';
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
