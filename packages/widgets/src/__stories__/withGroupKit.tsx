import {
  createGroupsEngine,
  createHandlers,
  type GroupsEngine,
  type HandlersOptions,
  type ScenarioName,
} from '@groupkit/mock-api';
import type { Decorator } from '@storybook/react-vite';
import { delay, HttpResponse, http } from 'msw';
import { GroupKitLocaleProvider } from '../locale';
import { germanMessages } from '../messages';
import { StoryProvider } from './StoryProvider';

/** Story args every widget story understands: who is signed in, theme, language, direction, width. */
export interface GroupKitStoryArgs {
  userId?: string;
  theme?: 'light' | 'dark';
  /** `de` switches to the German catalogue and German dates. */
  locale?: 'en' | 'de';
  dir?: 'ltr' | 'rtl';
  /** Frame width in px (e.g. 320 for the smallest phones); the full canvas when unset. */
  width?: number;
}

/** Controls for the args above, to spread into a meta's `argTypes`. */
export const groupKitArgTypes = {
  userId: { control: 'select', options: ['u_ada', 'u_grace', 'u_alan'] },
  theme: { control: 'inline-radio', options: ['light', 'dark'] },
  locale: { control: 'inline-radio', options: ['en', 'de'] },
  dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  width: { control: { type: 'number', min: 280, max: 1200, step: 10 } },
} as const;

/** Wraps a story in a provider talking to the mocked API (handlers come from `mockApi`). */
export const withGroupKit: Decorator = (Story, { args }) => {
  const {
    userId = 'u_ada',
    theme = 'light',
    locale = 'en',
    dir = 'ltr',
    width,
  } = args as GroupKitStoryArgs;
  return (
    <div
      data-groupkit-theme={theme}
      dir={dir}
      lang={locale}
      style={{
        padding: 16,
        inlineSize: width,
        boxSizing: 'border-box',
        background: theme === 'dark' ? '#0e0f12' : undefined,
      }}
    >
      <GroupKitLocaleProvider
        locale={locale === 'de' ? 'de-DE' : 'en-GB'}
        messages={locale === 'de' ? germanMessages : undefined}
      >
        {/* persist={false}: a story's unanswered change must not replay in the next story. */}
        <StoryProvider
          key={userId}
          apiKey="pk_test_groupkit"
          userId={userId}
          groupId="acme"
          persist={false}
        >
          <Story />
        </StoryProvider>
      </GroupKitLocaleProvider>
    </div>
  );
};

export interface MockApiOptions extends Pick<HandlersOptions, 'latency' | 'faults'> {
  /** Prepare the engine (e.g. add members) before the story renders. */
  setup?: (engine: GroupsEngine) => void;
}

/**
 * MSW parameters for a story: a fresh engine seeded with `scenario`, optionally slow
 * (`latency` ms, or a [min, max] range) or failing (`faults`).
 * @example parameters: mockApi('manyGroups', { latency: 800 })
 */
export function mockApi(
  scenario: ScenarioName = 'default',
  { setup, ...handlers }: MockApiOptions = {},
) {
  const engine = createGroupsEngine({ scenario });
  setup?.(engine);
  return { msw: { handlers: createHandlers(engine, handlers) } };
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
