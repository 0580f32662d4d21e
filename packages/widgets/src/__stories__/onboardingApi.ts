import { createGroupsEngine, createHandlers, type GroupsEngine } from '@groupkit/mock-api';
import type { FlowProgress } from '@groupkit/react';
import type { Decorator } from '@storybook/react-vite';
import { createElement } from 'react';
import { StoryProvider } from './StoryProvider';
import type { GroupKitStoryArgs } from './withGroupKit';

// Engine setups and stored progress for the onboarding stories and browser tests.

/** The flow id `GroupOnboarding` keeps its progress under. */
export const FLOW_ID = 'groupkit-onboarding';

/** Where the provider keeps a user's progress (and unsent changes) for an account group. */
export const storageKey = (userId: string, groupId = 'acme') => `groupkit:${groupId}:${userId}`;

/**
 * Forgets what providers kept in `localStorage` under `prefix` (all of GroupKit's by default):
 * flow progress and unsent changes must not leak from one story or test into the next.
 */
export function forgetGroupKitStorage(prefix = 'groupkit:') {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(prefix)) localStorage.removeItem(key);
  }
}

/**
 * Stores `userId`'s flow progress as the provider would have saved it before a reload, with
 * the memberships they held when the flow began (`startedWith`, group ids).
 */
export function storeProgress(
  userId: string,
  progress: FlowProgress,
  startedWith: string[],
  { flowId = FLOW_ID, groupId = 'acme' } = {},
) {
  const flows = { [flowId]: { ...progress, startedWith } };
  localStorage.setItem(storageKey(userId, groupId), JSON.stringify({ pending: [], flows }));
}

/**
 * A provider that keeps progress in `localStorage`, inside `withGroupKit`'s frame (whose own
 * provider persists nothing, so no story's unsent change replays in another): flow stories
 * resume from stored progress. List it before `withGroupKit`; clear storage in `beforeEach`.
 * @example decorators: [withPersistence, withGroupKit]
 */
export const withPersistence: Decorator = (Story, { args }) => {
  const { userId = 'u_ada' } = args as GroupKitStoryArgs;
  return createElement(
    StoryProvider,
    { key: userId, apiKey: 'pk_test_groupkit', userId, groupId: 'acme' },
    createElement(Story),
  );
};

/** `userId` joins Beta testers with BETA-2026 (before the story: the code step is gated out). */
export function redeemBeta(engine: GroupsEngine, userId = 'u_ada') {
  engine.redeemCode({ userId, code: 'BETA-2026' });
}

/**
 * Ada began the flow, subscribed to the newsletter on the groups step and reloaded on the
 * code step: step 3 of 4, with her starting memberships stored.
 */
export function resumeOnCodeStep(engine: GroupsEngine) {
  const startedWith = engine.listMemberships('u_ada').map((m) => m.groupId);
  engine.changeMemberships({ userId: 'u_ada', changes: '+newsletter', actor: 'user' });
  storeProgress('u_ada', { step: 2, status: 'active', seen: ['welcome', 'groups'] }, startedWith);
}

/**
 * A story's mocked API: a default-scenario engine prepared by `setup` (which may also store
 * progress), made afresh before every render, so a story that joins or redeems passes again.
 * Use after the meta's `beforeEach` has cleared storage.
 * @example export const Resumed: Story = { ...onboardingApi(resumeOnCodeStep), play: … }
 */
export function onboardingApi(setup?: (engine: GroupsEngine) => void) {
  let engine = createGroupsEngine();
  const reset = () => {
    engine = createGroupsEngine();
    setup?.(engine);
  };
  // The handlers keep talking to whichever engine is current.
  const current = new Proxy({} as GroupsEngine, { get: (_, key) => Reflect.get(engine, key) });
  return {
    parameters: { msw: { handlers: createHandlers(current) } },
    beforeEach: reset,
  };
}
