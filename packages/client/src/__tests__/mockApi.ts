import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { createMockServer } from '@groupkit/mock-api/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGroupKitAdminClient } from '../admin';
import type { GroupKitClientOptions } from '../clientCore';
import { createGroupKitClient } from '../createGroupKitClient';

export const BASE = 'https://api.groupkit.test';
export const SECRET_KEY = 'sk_test_groupkit';
export const PUBLISHABLE_KEY = 'pk_test_groupkit';

/**
 * The real mock API behind MSW, with a fresh default-scenario engine before every test so
 * writes in one test never leak into the next. `api.engine` is the current test's engine.
 */
export function setupMockApi() {
  const { server } = createMockServer({ baseUrl: BASE });
  const api = { server, engine: undefined as unknown as GroupsEngine };
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    api.engine = createGroupsEngine();
    server.resetHandlers(...createHandlers(api.engine, { baseUrl: BASE }));
  });
  afterAll(() => server.close());
  return api;
}

/** A client of the mock; no retries unless a test asks, so failures surface at once. */
export function testClient(apiKey: string, options: Partial<GroupKitClientOptions> = {}) {
  return createGroupKitClient({ apiKey, baseUrl: BASE, retry: { retries: 0 }, ...options });
}

/** As `testClient`, for the secret-key admin client of `@groupkit/client/admin`. */
export function testAdminClient(options: Partial<GroupKitClientOptions> = {}) {
  return createGroupKitAdminClient({
    apiKey: SECRET_KEY,
    baseUrl: BASE,
    retry: { retries: 0 },
    ...options,
  });
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
