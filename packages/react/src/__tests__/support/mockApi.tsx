import type { GroupKitClient, GroupKitError, Session } from '@groupkit/client';
import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import type { QueryClient } from '@tanstack/react-query';
import { cleanup } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { GroupKitErrorContext } from '../../changeRunner';
import { GroupKitProvider } from '../../GroupKitProvider';

export const BASE = 'https://hooks.groupkit.test';

/**
 * The real mock API (engine + MSW handlers) behind every hook test, fresh per test, with a
 * log of the requests the hooks sent (method and path).
 */
export function setupMockApi() {
  const api = {
    engine: createGroupsEngine(),
    requests: [] as string[],
    server: setupServer(),
  };
  api.server.events.on('request:start', ({ request }) => {
    api.requests.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    // Providers keep unsent changes in localStorage: no test may inherit another's.
    localStorage.clear();
    api.engine = createGroupsEngine();
    api.server.resetHandlers(...createHandlers(api.engine, { baseUrl: BASE }));
    api.requests.length = 0;
  });
  afterEach(() => cleanup());
  afterAll(() => api.server.close());
  return api;
}

/** Holds every request to `method path` until `release()`, then lets the real handler answer. */
export function holdRequests(
  server: ReturnType<typeof setupServer>,
  method: 'get' | 'post',
  path: string,
) {
  const waiting: (() => void)[] = [];
  let released = false;
  server.use(
    http[method](`${BASE}/v1${path}`, async () => {
      if (!released) await new Promise<void>((resolve) => waiting.push(resolve));
      // Returning nothing falls through to the real handler.
    }),
  );
  return {
    /** Lets the next held request through (or all with `all`). */
    release(all = false) {
      if (all) released = true;
      for (const resume of all ? waiting.splice(0) : waiting.splice(0, 1)) resume();
    },
    get held() {
      return waiting.length;
    },
  };
}

export interface TestProviderProps {
  userId?: string | null;
  userHash?: string;
  groupId?: string | null;
  client?: GroupKitClient;
  queryClient?: QueryClient;
  initialData?: Session;
  onError?: (error: GroupKitError, context: GroupKitErrorContext) => void;
  persist?: boolean;
  flowVersions?: Readonly<Record<string, number>>;
  children?: ReactNode;
}

export function TestProvider({ userId = 'u_ada', groupId = 'acme', ...props }: TestProviderProps) {
  return (
    <GroupKitProvider
      apiKey="pk_test_groupkit"
      baseUrl={BASE}
      userId={userId}
      groupId={groupId}
      {...props}
    />
  );
}

export const engineMemberships = (engine: GroupsEngine, userId = 'u_ada') =>
  engine.listMemberships(userId).map((m) => m.slug);
