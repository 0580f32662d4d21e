// Renders per toggle in the 1,000-group directory: the built GroupDirectory in the jsdom
// harness (React dev build, real MSW node handlers, scenario `manyGroups`), instrumented with
// React Profilers. One open group is joined, then left, by clicking its switch in the DOM; each
// toggle is counted from the click until the server answered and nothing moved for a while.
import { BASE_URL } from './reactHarness.mjs';

const USER = 'u_ada';
const SLUG = 'newsletter';
/** After the server answered: long enough for late effects, refetches and retries. */
const QUIET_MS = 150;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One measurement per harness, shared by the section's three entries. */
const measured = new WeakMap();

/**
 * Mounts `<GroupDirectory />` (default props: 50 of the 1,000 rows shown) and toggles the
 * `newsletter` switch twice (join, leave). Returns, per toggle: the rows whose subtree
 * re-rendered, the provider's render-function calls and commits, the renders of a memoised
 * context consumer, and the root's commits.
 */
export function directoryToggle(harness) {
  if (!measured.has(harness)) measured.set(harness, measureToggles(harness));
  return measured.get(harness);
}

async function measureToggles(harness) {
  const { React, groupkit, engine, until } = harness;
  const { createRoot } = await import('react-dom/client');
  const { GroupDirectory } = await import('@groupkit/widgets');
  const { Profiler, createElement: h } = React;

  let recording = false;
  const counts = () => ({
    rows: new Map(), // group id → phases seen
    providerCalls: 0,
    providerCommits: 0,
    contextRenders: 0,
    commits: [],
  });
  let c = counts();

  // Rows: `renderItem` wraps each row's content in a Profiler named by the group id. A
  // Profiler reports every commit in which anything under it rendered: the row itself (its
  // memo failed, so the Profiler element is new) or the toggle inside it (its own hooks).
  const onRowRender = (id, phase) => {
    if (!recording) return;
    const phases = c.rows.get(id) ?? [];
    c.rows.set(id, [...phases, phase]);
  };
  // One function for the whole run: a new one per render would defeat the rows' memo.
  const renderItem = (group, item) => h(Profiler, { id: group.id, onRender: onRowRender }, item);

  // The provider's own render function, counted where it runs: this component *is* the
  // provider (it calls GroupKitProvider as a function, so the provider's hooks are its hooks,
  // and the provider's state updates re-render it). Its layout effect, without deps, runs once
  // per commit in which it rendered.
  if (typeof groupkit.GroupKitProvider !== 'function') {
    throw new Error('GroupKitProvider is not a plain function component; cannot count its renders');
  }
  function CountedProvider(props) {
    if (recording) c.providerCalls += 1;
    React.useLayoutEffect(() => {
      if (recording) c.providerCommits += 1;
    });
    return groupkit.GroupKitProvider(props);
  }
  // A static child of the provider that renders again only when the context value changes.
  const ContextProbe = React.memo(function ContextProbe() {
    React.useContext(groupkit.GroupKitContext);
    if (recording) c.contextRenders += 1;
    return null;
  });

  const onCommit = (_id, phase, actualDuration) => {
    if (recording) c.commits.push({ phase, actualDuration, at: performance.now() });
  };

  const { document } = globalThis; // jsdom's, from installDom()
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    h(
      Profiler,
      { id: 'root', onRender: onCommit },
      h(
        CountedProvider,
        { apiKey: 'pk_test_groupkit', baseUrl: BASE_URL, userId: USER, groupId: 'acme' },
        h(ContextProbe),
        h(GroupDirectory, { renderItem }),
      ),
    ),
  );

  const group = engine.getUserGroup(SLUG);
  const rowsShown = () => container.querySelectorAll('.groupkit-directory-item').length;
  const switchOf = () =>
    [...container.querySelectorAll('.groupkit-directory-item')]
      .find((li) => li.querySelector('.groupkit-toggle-label')?.textContent === group.name)
      ?.querySelector('[role="switch"]');
  try {
    recording = true;
    await until(() => rowsShown() > 0 && switchOf()?.disabled === false, 'the directory rows');
    recording = false;
    if (c.commits.length === 0) {
      throw new Error("the Profiler reported no commit: React's production build is loaded");
    }
    await sleep(QUIET_MS);
    harness.takeRequests();

    const toggles = [];
    for (const join of [true, false]) {
      const member = () => engine.listMemberships(USER).some((m) => m.slug === SLUG);
      if (member() === join)
        throw new Error(`${USER} is already ${join ? 'in' : 'out of'} ${SLUG}`);
      c = counts();
      recording = true;
      const clickedAt = performance.now();
      switchOf().click();
      await sleep(0);
      const sameTask = c.commits.length > 0;
      await until(() => c.commits.length > 0, 'the first commit after the click');
      await until(() => member() === join, 'the server to apply the change');
      await until(
        () =>
          switchOf()?.getAttribute('aria-checked') === String(join) &&
          switchOf()?.getAttribute('aria-busy') === 'false',
        'the switch to show the confirmed state',
      );
      // Settled: nothing committed for QUIET_MS.
      let seen = -1;
      while (seen !== c.commits.length) {
        seen = c.commits.length;
        await sleep(QUIET_MS);
      }
      recording = false;
      const names = new Map(engine.listViewableUserGroups().map((g) => [g.id, g.name]));
      const updated = [...c.rows].filter(([, phases]) => phases.some((p) => p !== 'mount'));
      toggles.push({
        action: join ? 'join' : 'leave',
        rows: updated.length,
        rowNames: updated.map(([id]) => names.get(id) ?? id),
        rowsMounted: [...c.rows].filter(([, phases]) => phases.includes('mount')).length,
        providerCalls: c.providerCalls,
        providerCommits: c.providerCommits,
        contextRenders: c.contextRenders,
        commits: c.commits.length,
        commitMs: c.commits.map((commit) => commit.actualDuration),
        sameTask,
        firstCommitMs: c.commits[0].at - clickedAt,
        requests: harness.takeRequests(),
      });
    }
    return { rowsShown: rowsShown(), toggles };
  } finally {
    root.unmount();
    container.remove();
  }
}

const both = (toggles, key, digits) =>
  toggles
    .map((t) => `${t.action} ${digits === undefined ? t[key] : t[key].toFixed(digits)}`)
    .join(', ');
const worst = (toggles, key) => Math.max(...toggles.map((t) => t[key]));

/** Distinct rows whose Profiler reported an update (goal: 1, the toggled one). */
export async function rowsRerendered(harness) {
  const { rowsShown, toggles } = await directoryToggle(harness);
  const names = [...new Set(toggles.flatMap((t) => t.rowNames))].slice(0, 5).join(', ');
  return {
    value: worst(toggles, 'rows'),
    note:
      `worst of join/leave of "${SLUG}" by clicking its switch (${both(toggles, 'rows')}; ` +
      `${rowsShown} rows shown): distinct rows whose <Profiler id={group.id}> (via renderItem) ` +
      `reported an update (stable renderItem), click → server answered → quiet; rows: ` +
      `${names || 'none'}; rows mounted: ${both(toggles, 'rowsMounted')}; React dev build`,
  };
}

/** The provider's render-function calls caused by a toggle (goal: 0). */
export async function providerRenders(harness) {
  const { toggles } = await directoryToggle(harness);
  return {
    value: worst(toggles, 'providerCalls'),
    note:
      `render-function calls of GroupKitProvider (invoked as a function by a counting ` +
      `component, so its hooks and state are that component's): ${both(toggles, 'providerCalls')}; ` +
      `committed: ${both(toggles, 'providerCommits')}; a memoised static context consumer ` +
      `re-rendered: ${both(toggles, 'contextRenders')}`,
  };
}

/** Commits of the whole root from the click until settled (goal: ≤ 2). */
export async function toggleCommits(harness) {
  const { toggles } = await directoryToggle(harness);
  const durations = toggles
    .map((t) => `${t.action} ${t.commitMs.map((ms) => ms.toFixed(1)).join('+')} ms`)
    .join(', ');
  const requests = toggles.map((t) => t.requests.join(' ') || 'no request').join('; ');
  return {
    value: worst(toggles, 'commits'),
    note:
      `onRender calls of a Profiler around the whole root, click → settled ` +
      `(${QUIET_MS} ms without a commit): ${both(toggles, 'commits')}; actualDuration ${durations} ` +
      `(dev build); first commit ${both(toggles, 'firstCommitMs', 1)} ms after the click` +
      `${toggles.every((t) => t.sameTask) ? ', in its task' : ''}; requests: ${requests}`,
  };
}
