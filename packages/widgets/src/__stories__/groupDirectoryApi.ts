import {
  createGroupsEngine,
  createHandlers,
  type GroupsEngine,
  type ScenarioName,
} from '@groupkit/mock-api';
import { HttpResponse, http } from 'msw';
import type { MockApiOptions } from './withGroupKit';

/**
 * Like `mockApi`, but the engine starts over before every render (`beforeEach`): stories whose
 * play function joins a group or redeems a code pass again when re-run.
 * @example export const Ready: Story = { ...freshMockApi(), play: … }
 */
export function freshMockApi(
  scenario: ScenarioName = 'default',
  { setup, ...handlers }: MockApiOptions = {},
) {
  let engine: GroupsEngine;
  const reset = () => {
    engine = createGroupsEngine({ scenario });
    setup?.(engine);
  };
  reset();
  // The handlers keep talking to whichever engine is current.
  const current = new Proxy({} as GroupsEngine, { get: (_, key) => Reflect.get(engine, key) });
  return {
    parameters: { msw: { handlers: createHandlers(current, handlers) } },
    beforeEach: reset,
  };
}

/**
 * The first session load fails (all of the client's attempts: 1 + 3 retries), the next one
 * works: the error state, and a Retry that recovers. Starts over before every render.
 */
export function failingOnceSessionApi(attempts = 4) {
  const { parameters, beforeEach } = freshMockApi();
  let failuresLeft = attempts;
  const failing = http.get('*/v1/session', () => {
    if (failuresLeft <= 0) return undefined; // falls through to the engine
    failuresLeft -= 1;
    return HttpResponse.json(
      { error: { code: 'internal_error', message: 'Something broke on our side.', details: {} } },
      { status: 500 },
    );
  });
  return {
    parameters: { msw: { handlers: [failing, ...parameters.msw.handlers] } },
    beforeEach: () => {
      failuresLeft = attempts;
      beforeEach();
    },
  };
}
