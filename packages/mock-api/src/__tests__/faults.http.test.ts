import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type CreateMockServerOptions } from '../node';

const BASE = 'https://faults.groupkit.test';
let close: (() => void) | undefined;
afterEach(() => close?.());

function start(options: CreateMockServerOptions) {
  const mock = createMockServer({ baseUrl: BASE, ...options });
  mock.server.listen({ onUnhandledRequest: 'error' });
  close = () => mock.server.close();
  return mock;
}
const getSession = () =>
  fetch(`${BASE}/v1/session?userId=u_ada`, {
    headers: { authorization: 'Bearer pk_test_groupkit' },
  });

describe('fault injection', () => {
  it('answers 500 internal_error', async () => {
    start({ faults: { serverError: 1 } });
    const response = await getSession();
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe('internal_error');
  });

  it('drops the connection', async () => {
    start({ faults: { networkError: 1 } });
    await expect(getSession()).rejects.toThrow(TypeError);
  });

  it('rate-limits with Retry-After', async () => {
    start({ faults: { rateLimit: 1 } });
    const response = await getSession();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('strikes before the engine, so a failed write never half-applies', async () => {
    const { engine } = start({ faults: { serverError: 1 } });
    const response = await fetch(`${BASE}/v1/users/u_alan/membership-changes`, {
      method: 'POST',
      headers: { authorization: 'Bearer pk_test_groupkit', 'content-type': 'application/json' },
      body: JSON.stringify({ changes: '+newsletter' }),
    });
    expect(response.status).toBe(500);
    expect(engine.listMemberships('u_alan').map((m) => m.slug)).not.toContain('newsletter');
  });

  it('follows the injected random source: a 0.5 rate fails exactly the draws under 0.5', async () => {
    const draws = [0.1, 0.9, 0.4, 0.6];
    let i = 0;
    start({ faults: { serverError: 0.5 }, random: () => draws[i++ % draws.length] as number });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await getSession()).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it('delays answers by the configured latency', async () => {
    start({ latency: 60 });
    const started = performance.now();
    await getSession();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
