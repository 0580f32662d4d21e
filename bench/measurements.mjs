// Every runtime figure `npm run bench` prints, in order: THE EXTENSION POINT.
//
// A section groups entries that share a setup (e.g. one React harness; it is torn down
// before the next section starts, so two MSW servers never intercept at once). An entry:
//   name      what is measured
//   unit      of the value
//   goal      { max } (the value must be ≤ max), or omitted for a figure reported as is
//   requires  [[module, exportName], ...]: the entry stays "pending: export X not found"
//             until every export exists in the built package (`npm run build:packages`)
//   measure   async (context) => ({ value, note }); an entry without one prints
//             "pending: not measured yet" — write it here when what it needs has landed
import { createChromiumBench } from './chromium.mjs';
import { providerRenders, rowsRerendered, toggleCommits } from './directoryRenders.mjs';
import { ruleSetTimings, membershipChangeThroughput } from './engine.mjs';
import { createReactHarness } from './reactHarness.mjs';
import {
  requestsAfterUnmount,
  requestsOnHydration,
  requestsOnMount,
  requestsPerMembershipChange,
  timeToReady,
} from './requests.mjs';

const DIRECTORY = [['@groupkit/widgets', 'GroupDirectory']];

export const sections = [
  {
    name: 'requests',
    setup: createReactHarness,
    teardown: (harness) => harness.close(),
    entries: [
      ...[1, 5, 20].map((hooks) => ({
        name: `on mount, ${hooks} hook${hooks > 1 ? 's' : ''} mounted`,
        unit: 'requests',
        goal: { max: 1 },
        measure: (harness) => requestsOnMount(harness, hooks),
      })),
      {
        name: 'after unmount',
        unit: 'requests',
        goal: { max: 0 },
        measure: requestsAfterUnmount,
      },
      {
        name: 'on hydration with initialData',
        unit: 'requests',
        goal: { max: 0 },
        measure: requestsOnHydration,
      },
      {
        name: 'per membership change',
        unit: 'requests',
        goal: { max: 1 },
        measure: requestsPerMembershipChange,
      },
      {
        name: 'time to ready, zero mock latency (jsdom)',
        unit: 'ms',
        measure: (harness) => timeToReady(harness),
      },
    ],
  },
  {
    // The built GroupDirectory in the jsdom harness (React dev build, MSW node handlers),
    // instrumented with Profilers; one open group joined then left through its switch
    // (bench/directoryRenders.mjs). Each figure is the worse of the two toggles.
    name: 'renders per toggle, 1,000-group directory',
    setup: () => createReactHarness({ scenario: 'manyGroups' }),
    teardown: (harness) => harness.close(),
    entries: [
      {
        name: 'rows re-rendered',
        unit: 'rows',
        goal: { max: 1 },
        requires: DIRECTORY,
        measure: rowsRerendered,
      },
      {
        name: 'provider renders',
        unit: 'renders',
        goal: { max: 0 },
        requires: DIRECTORY,
        measure: providerRenders,
      },
      {
        name: 'commits',
        unit: 'commits',
        goal: { max: 2 },
        requires: DIRECTORY,
        measure: toggleCommits,
      },
    ],
  },
  {
    // A production bundle of the directory page (bench/chromium/directoryPage.tsx) in headless
    // Chromium, a fresh page per run (bench/chromium.mjs); medians of CHROMIUM_RUNS.
    name: 'headless Chromium, 1,000-group directory',
    setup: () => createChromiumBench(),
    teardown: (bench) => bench.close(),
    entries: [
      {
        name: 'mount',
        unit: 'ms',
        goal: { max: 100 },
        requires: DIRECTORY,
        measure: (bench) => bench.mount(),
      },
      {
        name: 'first toggle commit',
        unit: 'ms',
        goal: { max: 16 },
        requires: DIRECTORY,
        measure: (bench) => bench.firstToggleCommit(),
      },
    ],
  },
  {
    name: 'engine',
    setup: () => ({}),
    entries: [
      {
        name: 'largeOrg (100,000 users): create automatic group, 3-set rule set',
        unit: 'ms',
        goal: { max: 300 },
        measure: (context) => {
          context.ruleSets ??= ruleSetTimings(5);
          return context.ruleSets.create;
        },
      },
      {
        name: 'largeOrg (100,000 users): change its rule set',
        unit: 'ms',
        goal: { max: 300 },
        measure: (context) => {
          context.ruleSets ??= ruleSetTimings(5);
          return context.ruleSets.change;
        },
      },
      {
        name: '10,000 membership-change requests through the handlers',
        unit: 'req/s',
        measure: () => membershipChangeThroughput({ total: 10_000 }),
      },
    ],
  },
];
