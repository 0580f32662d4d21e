// The built @groupkit/react rendered by react-dom in jsdom, talking to the real MSW node
// handlers of @groupkit/mock-api (default scenario, zero latency). Every request the SDK
// sends is counted where MSW sees it.
import { installDom } from './dom.mjs';

export const BASE_URL = 'https://bench.groupkit.test';
const SETTLE_MS = 100;

/**
 * NODE_ENV as the process started. A Vite build earlier in the process (run.mjs checks the
 * demo's modules first) sets it to "production" and leaves it so: React would then load its
 * production build, where `<Profiler>` reports nothing, unlike the dev build these figures
 * are for. Restored before React is first imported.
 */
const NODE_ENV_AT_START = process.env.NODE_ENV;

function restoreNodeEnv() {
  if (process.env.NODE_ENV === NODE_ENV_AT_START) return;
  if (NODE_ENV_AT_START === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = NODE_ENV_AT_START;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `done()` is true, polling each millisecond; rejects after `timeoutMs`. */
async function until(done, what, timeoutMs = 5000) {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(1);
  }
}

/** @param {{ scenario?: string }} options the mock-api scenario to serve (`default`; `manyGroups` has 1,000 groups) */
export async function createReactHarness({ scenario = 'default' } = {}) {
  installDom();
  restoreNodeEnv();
  const React = await import('react');
  const { createRoot } = await import('react-dom/client');
  const groupkit = await import('@groupkit/react');
  const { createGroupKitClient } = await import('@groupkit/client');
  const { createMockServer } = await import('@groupkit/mock-api/node');

  const { server, engine } = createMockServer({ baseUrl: BASE_URL, scenario });
  server.listen({ onUnhandledRequest: 'error' });
  let requests = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  const h = React.createElement;

  /** The requests seen since the last call. */
  const takeRequests = () => {
    const taken = requests;
    requests = [];
    return taken;
  };

  /**
   * Renders a provider for `userId` (account group `acme`) holding `hooks` components,
   * alternating `useMemberships` and `useIsMember('newsletter')`, plus whatever `extra`
   * elements are given. Resolves once every hook has data.
   */
  async function mount({ userId = 'u_ada', hooks = 1, initialData, extra = [] } = {}) {
    let ready = 0;
    let readyAt = 0;
    const seen = new Set();
    const markReady = (index) => {
      if (seen.has(index)) return;
      seen.add(index);
      ready += 1;
      if (ready === hooks) readyAt = performance.now();
    };
    function MembershipsReader({ index }) {
      if (groupkit.useMemberships().status === 'ready') markReady(index);
      return null;
    }
    function IsMemberReader({ index }) {
      if (groupkit.useIsMember('newsletter') !== undefined) markReady(index);
      return null;
    }
    const readers = Array.from({ length: hooks }, (_, index) =>
      h(index % 2 === 0 ? MembershipsReader : IsMemberReader, { key: index, index }),
    );
    const { document } = globalThis; // jsdom's, from installDom()
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    const start = performance.now();
    root.render(
      h(
        groupkit.GroupKitProvider,
        { apiKey: 'pk_test_groupkit', baseUrl: BASE_URL, userId, groupId: 'acme', initialData },
        ...readers,
        ...extra,
      ),
    );
    await until(() => ready >= hooks, `${hooks} hooks to have data`);
    return {
      /** From `root.render` to the render in which the last hook had data. */
      readyMs: readyAt - start,
      unmount() {
        root.unmount();
        container.remove();
      },
    };
  }

  /** Lets late effects, refetches and retries fire before requests are counted. */
  const settle = () => sleep(SETTLE_MS);

  const client = createGroupKitClient({ apiKey: 'pk_test_groupkit', baseUrl: BASE_URL });

  return {
    React,
    groupkit,
    engine,
    client,
    mount,
    settle,
    takeRequests,
    until,
    close: () => server.close(),
  };
}
