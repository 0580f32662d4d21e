import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useGroupKit } from '../useGroupKit';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { holdRequests, setupMockApi, TestProvider } from './support/mockApi';

const api = setupMockApi();
const wrapper = ({ children }: { children: ReactNode }) => <TestProvider>{children}</TestProvider>;

/** Two views of the beta group (a code group: joining it without a code is refused). */
async function renderBothNames() {
  const betaId = api.engine.getUserGroup('beta').id;
  const view = renderHook(
    () => ({
      bySlug: useJoinGroup('beta'),
      byId: useJoinGroup(betaId),
      memberById: useIsMember(betaId),
      kit: useGroupKit(),
    }),
    { wrapper },
  );
  await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
  return view;
}

describe('a group named by slug or by id is one group', () => {
  it.each([
    { joinedBy: 'bySlug', resetBy: 'byId' },
    { joinedBy: 'byId', resetBy: 'bySlug' },
  ] as const)(
    'a failure of a join $joinedBy shows under both names, and reset() $resetBy clears it for both',
    async ({ joinedBy, resetBy }) => {
      const view = await renderBothNames();
      await act(async () => {
        await view.result.current[joinedBy].join();
      });
      expect(view.result.current.bySlug.error).toMatchObject({ code: 'group_not_joinable' });
      expect(view.result.current.byId.error).toBe(view.result.current.bySlug.error);

      act(() => view.result.current[resetBy].reset());
      expect(view.result.current.bySlug.error).toBeNull();
      expect(view.result.current.byId.error).toBeNull();
    },
  );

  it('a join by slug shows as pending and as a membership under the id until refused', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = await renderBothNames();
    expect(view.result.current.memberById).toBe(false);
    act(() => void view.result.current.bySlug.join());
    expect(view.result.current.byId.isPending).toBe(true);
    expect(view.result.current.memberById).toBe(true);

    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.byId.isPending).toBe(false));
    expect(view.result.current.memberById).toBe(false);
    expect(view.result.current.byId.error).not.toBeNull();
  });
});
