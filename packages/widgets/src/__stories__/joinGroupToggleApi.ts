import type { GroupKitErrorCodeValue } from '@groupkit/client';
import { delay, HttpResponse, http } from 'msw';
import { mockApi, type MockApiOptions } from './withGroupKit';

/** The endpoint `join()` and `leave()` post to. */
export const MEMBERSHIP_CHANGES = '*/v1/users/:userId/membership-changes';

/**
 * The default scenario, but membership changes never answer: the pending state, frozen.
 * The extra handler comes first, so it wins over the mock's own.
 */
export function pendingChangeApi(options: MockApiOptions = {}) {
  const { msw } = mockApi('default', options);
  return {
    msw: { handlers: [http.post(MEMBERSHIP_CHANGES, () => delay('infinite')), ...msw.handlers] },
  };
}

/** The default scenario, but every membership change is refused with `code` (no retry: a 4xx). */
export function failingChangeApi(
  code: GroupKitErrorCodeValue = 'group_not_active',
  status = 409,
  options: MockApiOptions = {},
) {
  const { msw } = mockApi('default', options);
  return {
    msw: {
      handlers: [
        http.post(MEMBERSHIP_CHANGES, () =>
          HttpResponse.json(
            { error: { code, message: `Refused for the story (${code}).`, details: {} } },
            { status },
          ),
        ),
        ...msw.handlers,
      ],
    },
  };
}

/** The default scenario with Ada already in `slug` (joined by herself). */
export function memberOfApi(slug: string, userId = 'u_ada') {
  return mockApi('default', {
    setup: (engine) => {
      engine.changeMemberships({ userId, changes: `+${slug}`, actor: 'user' });
    },
  });
}

/** Ada redeemed `BETA-2026`; with `keepsMembers`, the group then stops members leaving. */
export function codeMemberApi({ keepsMembers = false } = {}) {
  return mockApi('default', {
    setup: (engine) => {
      engine.redeemCode({ userId: 'u_ada', code: 'BETA-2026' });
      if (keepsMembers) engine.updateUserGroup('beta', { allowLeave: false });
    },
  });
}

/**
 * Forgets the changes a provider kept in `localStorage` (`groupkit:*`): the Pending story's
 * never-answered join would otherwise be resent by the next story's provider.
 */
export function forgetGroupKitStorage() {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('groupkit:')) localStorage.removeItem(key);
  }
}
