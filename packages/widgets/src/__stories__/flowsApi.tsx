import type { FlowProgressUpdate, UserFlow } from '@groupkit/client';
import type { GroupsEngine } from '@groupkit/mock-api';
import { useGroupKit } from '@groupkit/react';
import { useFlow } from '@groupkit/react/flows';
import type { Decorator } from '@storybook/react-vite';
import { StoryProvider } from './StoryProvider';
import type { GroupKitStoryArgs } from './withGroupKit';

// Server-defined flows for the stories and browser tests: a flow with a step of every kind,
// its versions, progress stored on the server or left in the browser, and a probe.

export const FLOW = 'welcome';

/** Version 1 of the flow: a step of every kind the server defines. */
export const WELCOME_FLOW = {
  id: FLOW,
  name: 'Welcome',
  steps: [
    {
      id: 'hello',
      type: 'welcome',
      title: 'Welcome aboard',
      body: 'Four quick steps and you are in.',
    },
    {
      id: 'pick',
      type: 'choose_groups',
      title: 'Pick your groups',
      groups: ['newsletter', 'community'],
    },
    { id: 'code', type: 'enter_code', group: 'beta' },
    {
      id: 'docs',
      type: 'content',
      title: 'Read the docs',
      body: 'Everything about groups is in one place.\n\nSearch it any time from the help menu.',
      cta: { label: 'Open the docs', href: '/docs' },
    },
    { id: 'done', type: 'done' },
  ],
};

/** What version 2 changed: a shorter welcome, straight to the groups. */
export const WELCOME_V2_STEPS = [
  { id: 'hello', type: 'welcome', title: 'Hi there' },
  { id: 'pick', type: 'choose_groups', groups: ['newsletter', 'community'] },
  { id: 'done', type: 'done' },
];

export const STEP_TITLES = [
  'Welcome aboard',
  'Pick your groups',
  'Have an invite code?',
  'Read the docs',
  'You’re all set',
] as const;

/** Creates the flow and publishes it as version 1; with `v2`, version 2 as well. */
export function publishWelcome(engine: GroupsEngine, { v2 = false, targeting = {} } = {}) {
  engine.createFlow({ ...WELCOME_FLOW, targeting });
  engine.publishFlow(FLOW);
  if (v2) {
    engine.updateFlowDraft(FLOW, { steps: WELCOME_V2_STEPS });
    engine.publishFlow(FLOW);
  }
}

const stepIds = WELCOME_FLOW.steps.map((s) => s.id);

/** `userId`'s progress on the server: on step `at` (from 0) of version 1, every step before it done. */
export function progressOnServer(engine: GroupsEngine, at: number, userId = 'u_ada') {
  engine.putUserFlowProgress(userId, FLOW, progressAt(at));
}

export function progressAt(at: number, version = 1): FlowProgressUpdate {
  return {
    version,
    status: 'in_progress',
    step: stepIds[at] as string,
    completedSteps: stepIds.slice(0, at),
  };
}

/** Where the provider keeps a user's unsent changes and offline copies. */
export const storageKey = (userId = 'u_ada', groupId = 'acme') => `groupkit:${groupId}:${userId}`;

/**
 * What a browser that went offline keeps: the flow as the server answers it now (its offline
 * copy), and a move to step `madeOffline` (from 0) made offline and not sent yet.
 */
export function storeOfflineProgress(
  engine: GroupsEngine,
  madeOffline: number,
  { userId = 'u_ada', groupId = 'acme' } = {},
) {
  const server: UserFlow = engine.getUserFlow(userId, FLOW);
  const pending = [
    {
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      kind: 'flow',
      flowId: FLOW,
      progress: progressAt(madeOffline),
    },
  ];
  const flows = { [FLOW]: { step: 0, status: 'active', seen: [], server } };
  localStorage.setItem(storageKey(userId, groupId), JSON.stringify({ pending, flows }));
}

/** Makes the browser report being offline (or online again, firing `online`). */
export function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  if (online) {
    // Back to the browser's own answer.
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
  }
}

export interface FlowStoryArgs extends GroupKitStoryArgs {
  /** The provider's `flowVersions`. */
  flowVersions?: Record<string, number>;
  /** Keep unsent moves and offline copies in `localStorage` (the offline story). */
  persist?: boolean;
}

/**
 * A provider for flow stories, inside `withGroupKit`'s frame: with the story's `flowVersions`,
 * and persisting only where a story asks (clear storage in `beforeEach`).
 * @example decorators: [withFlowProvider, withGroupKit]
 */
export const withFlowProvider: Decorator = (Story, { args }) => {
  const { userId = 'u_ada', flowVersions, persist = false } = args as FlowStoryArgs;
  return (
    <StoryProvider
      key={userId}
      apiKey="pk_test_groupkit"
      userId={userId}
      groupId="acme"
      flowVersions={flowVersions}
      persist={persist}
    >
      <Story />
    </StoryProvider>
  );
};

/** What `useFlow` says, in words: for reviewers, and for stories whose flow shows nothing. */
export function FlowProbe({ flowId = FLOW }: { flowId?: string }) {
  const flow = useFlow(flowId);
  const { isOnline, isSaving } = useGroupKit();
  return (
    // Themed like the widgets (a box of its own), so it reads in the dark theme too.
    <p className="groupkit-root" data-testid="flow-probe">
      {`Flow “${flowId}”: ${flow.status}`}
      {flow.version !== null && `, version ${flow.version}, step “${flow.step}”`}
      {isSaving && (isOnline ? ' (saving…)' : ' (offline: saved when back online)')}
    </p>
  );
}
