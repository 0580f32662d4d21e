import { createGroupKitClient } from '@groupkit/client';
import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import { startMockWorker } from '@groupkit/mock-api/browser';
import { GroupKitProvider } from '@groupkit/react';
import { cleanup } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { type ReactNode, useState } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

// Every request names the test that sent it: one still on its way when its test ended (a
// retry, a write the worker had not answered yet) must neither be counted by the next test
// nor reach the next test's engine.
const TEST_HEADER = 'x-groupkit-test';

/**
 * The mocked API for one browser test file: a fresh engine per test, and requests of earlier
 * tests refused instead of answered. Call at the top of the file; read `engine` in tests.
 */
export function isolatedMockApi() {
  let mock: Awaited<ReturnType<typeof startMockWorker>>;
  let testId = 0;
  const listeners: ((request: Request) => void)[] = [];
  const state = {
    engine: undefined as unknown as GroupsEngine,
    get worker() {
      return mock.worker;
    },
    /** Whether `request` was sent by the running test. */
    ownRequest: (request: Request) => request.headers.get(TEST_HEADER) === String(testId),
    /** Calls `listener` with each request the running test sends. */
    onOwnRequest(listener: (request: Request) => void) {
      listeners.push(listener);
    },
  };
  const notify = ({ request }: { request: Request }) => {
    if (state.ownRequest(request)) for (const listener of listeners) listener(request);
  };

  beforeAll(async () => {
    mock = await startMockWorker();
    mock.worker.events.on('request:start', notify);
  });
  beforeEach(() => {
    // A fresh engine per test: one test's joins never leak into the next.
    state.engine = createGroupsEngine();
    testId++;
    mock.worker.use(...createHandlers(state.engine));
    // Checked first (`use` prepends): an earlier test's request gets no answer here.
    mock.worker.use(
      http.all('*/v1/*', ({ request }) =>
        state.ownRequest(request) ? undefined : HttpResponse.error(),
      ),
    );
  });
  afterEach(() => {
    cleanup();
    mock.worker.resetHandlers();
  });
  afterAll(() => {
    mock.worker.events.removeListener('request:start', notify);
    mock.worker.stop();
  });

  /** A client whose requests carry the current test's id (see `ownRequest`). */
  function testClient() {
    const id = String(testId);
    return createGroupKitClient({
      apiKey: 'pk_test_groupkit',
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set(TEST_HEADER, id);
        return fetch(input, { ...init, headers });
      },
    });
  }

  /** A provider for `userId` over this test's engine. */
  function Providers({ userId = 'u_ada', children }: { userId?: string; children: ReactNode }) {
    const [client] = useState(testClient);
    return (
      // persist={false}: unsent changes (the pending test's) must not be resent by the next
      // test's provider, nor by another test file's running in the same origin.
      <GroupKitProvider
        apiKey="pk_test_groupkit"
        client={client}
        userId={userId}
        groupId="acme"
        persist={false}
      >
        {children}
      </GroupKitProvider>
    );
  }

  return Object.assign(state, { testClient, Providers });
}
