import { createGroupsEngine, createHandlers, type ScenarioName } from '@groupkit/mock-api';
import { GroupKitProvider } from '@groupkit/react';
import type { Decorator } from '@storybook/react-vite';
import { delay, HttpResponse, http } from 'msw';

/** Story args every widget story understands: who is signed in, and in which theme. */
export interface GroupKitStoryArgs {
  userId?: string;
  theme?: 'light' | 'dark';
}

/** Wraps a story in a provider talking to the mocked API (handlers come from `mockApi`). */
export const withGroupKit: Decorator = (Story, { args }) => {
  const { userId = 'u_ada', theme = 'light' } = args as GroupKitStoryArgs;
  return (
    <div
      data-groupkit-theme={theme}
      style={{ padding: 16, background: theme === 'dark' ? '#0e0f12' : undefined }}
    >
      <GroupKitProvider key={userId} apiKey="pk_test_groupkit" userId={userId} groupId="acme">
        <Story />
      </GroupKitProvider>
    </div>
  );
};

/** MSW parameters for a story: a fresh engine seeded with `scenario`. */
export function mockApi(scenario: ScenarioName = 'default') {
  return { msw: { handlers: createHandlers(createGroupsEngine({ scenario })) } };
}

/** A session request that never answers: the loading state, frozen for review. */
export function pendingSessionApi() {
  return { msw: { handlers: [http.get('*/v1/session', () => delay('infinite'))] } };
}

/** A session request that fails with a 500: the error state. */
export function failingSessionApi() {
  return {
    msw: {
      handlers: [
        http.get('*/v1/session', () =>
          HttpResponse.json(
            {
              error: {
                code: 'internal_error',
                message: 'Something broke on our side.',
                details: {},
              },
            },
            { status: 500 },
          ),
        ),
      ],
    },
  };
}
