// The page bench/chromium.mjs bundles (esbuild, NODE_ENV=production, the built @groupkit
// packages) and loads in headless Chromium: a 1,000-group GroupDirectory mounted from a
// session fetched ahead (`initialData`, as after server rendering), and a client whose fetch
// answers from the mock API's MSW handlers run in the page (`getResponse`): no service
// worker, no network. The driver calls `window.groupkitBench`.
//
// Timings use performance.now() in the page. Profiler `onRender` only fires in the profiling
// build (the driver bundles it too, aliasing react-dom/client to react-dom/profiling); the
// production figures come from a layout effect (mount) and a MutationObserver (toggle).
import { createGroupKitClient, type Session } from '@groupkit/client';
import { createGroupsEngine, createHandlers } from '@groupkit/mock-api';
import { GroupKitProvider } from '@groupkit/react';
import { GroupDirectory } from '@groupkit/widgets';
import { getResponse } from 'msw';
import { Profiler, type ProfilerOnRenderCallback, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';

const BASE_URL = 'https://api.groupkit.test';
const USER = 'u_ada';
const SLUG = 'newsletter';
const ROW = '.groupkit-directory-item';

// Set up before anything is timed: the mock API and the session "the server" sends.
const engine = createGroupsEngine({ scenario: 'manyGroups' });
const handlers = createHandlers(engine, { baseUrl: BASE_URL });
const initialData = JSON.parse(JSON.stringify(engine.getSession(USER, 'acme'))) as Session;
const client = createGroupKitClient({
  apiKey: 'pk_test_groupkit',
  baseUrl: BASE_URL,
  fetch: async (input, init) => {
    const response = await getResponse(handlers, new Request(input, init));
    return response ?? Response.json({ error: { code: 'not_mocked' } }, { status: 501 });
  },
});

interface Commit {
  at: number;
  phase: string;
  actualDuration: number;
}
/** Every commit of the page, in the profiling build only (production never calls onRender). */
const commits: Commit[] = [];
const onRender: ProfilerOnRenderCallback = (_id, phase, actualDuration) => {
  commits.push({ at: performance.now(), phase, actualDuration });
};

let onMountCommit = (_at: number) => {};
/** A static child of the provider: its layout effect runs in the mount commit, after every DOM write of it. */
function MountProbe() {
  useLayoutEffect(() => onMountCommit(performance.now()), []);
  return null;
}

const container = document.createElement('div');
document.body.append(container);
const rowCount = () => container.querySelectorAll(ROW).length;

/** Resolves with the time of the first DOM change (as the next microtask sees it) making `done` true. */
function whenDom(done: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(container, { subtree: true, childList: true, attributes: true });
  });
}

async function mount() {
  const committed = new Promise<number>((resolve) => {
    onMountCommit = resolve;
  });
  const root = createRoot(container);
  const start = performance.now();
  root.render(
    <Profiler id="page" onRender={onRender}>
      <GroupKitProvider
        apiKey="pk_test_groupkit"
        client={client}
        userId={USER}
        groupId="acme"
        initialData={initialData}
      >
        <GroupDirectory />
        <MountProbe />
      </GroupKitProvider>
    </Profiler>,
  );
  const renderReturned = performance.now();
  let at = await committed;
  const rowsInFirstCommit = rowCount();
  if (rowsInFirstCommit === 0) at = await whenDom(() => rowCount() > 0);
  // What the browser does next with the new DOM: style and layout, forced here (no frame ran
  // in between: this continuation is a microtask of the commit's task).
  const layoutStart = performance.now();
  void container.offsetHeight;
  const layoutMs = performance.now() - layoutStart;
  const first = commits.find((c) => c.phase === 'mount');
  return {
    ms: at - start,
    renderCallMs: renderReturned - start,
    rowsInFirstCommit,
    rows: rowCount(),
    layoutMs,
    actualDuration: first?.actualDuration,
  };
}

const toggle = {
  clickAt: 0,
  firstChangeAt: 0,
  commitsBefore: 0,
};

function switchOf(): HTMLElement | undefined {
  const name = engine.getUserGroup(SLUG).name;
  for (const row of container.querySelectorAll(ROW)) {
    if (row.querySelector('.groupkit-toggle-label')?.textContent === name) {
      return row.querySelector<HTMLElement>('[role="switch"]') ?? undefined;
    }
  }
  return undefined;
}

/** Records the click (capture phase on window: before React's listener on the root) and the first DOM change after it. */
function armToggle() {
  const target = switchOf();
  if (!target) throw new Error(`no switch for ${SLUG}`);
  if (target.getAttribute('aria-checked') !== 'false') throw new Error(`${USER} is in ${SLUG}`);
  toggle.commitsBefore = commits.length;
  window.addEventListener(
    'click',
    () => {
      toggle.clickAt = performance.now();
      void whenDom(() => true).then((at) => {
        toggle.firstChangeAt = at;
      });
    },
    { capture: true, once: true },
  );
}

/** The server applied the join and the switch shows it, confirmed. */
function toggleSettled() {
  const target = switchOf();
  return (
    engine.listMemberships(USER).some((m) => m.slug === SLUG) &&
    target?.getAttribute('aria-checked') === 'true' &&
    target.getAttribute('aria-busy') === 'false'
  );
}

function toggleResult() {
  const after = commits.slice(toggle.commitsBefore);
  const first = after[0];
  return {
    ms: toggle.firstChangeAt - toggle.clickAt,
    actualDuration: first?.actualDuration,
    profiledMs: first ? first.at - toggle.clickAt : undefined,
    commits: after.length,
  };
}

const api = { ready: true, mount, armToggle, toggleSettled, toggleResult };
declare global {
  interface Window {
    groupkitBench: typeof api;
  }
}
window.groupkitBench = api;
