import {
  type GroupKitError,
  GroupKitNetworkError,
  isGroupKitError,
  type MembershipChangeResult,
} from '@groupkit/client';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { GroupKitErrorContext, GroupKitOutcome } from '../changeRunner';
import { useGroup } from '../useGroup';
import { useGroupKit } from '../useGroupKit';
import { useJoinGroup } from '../useJoinGroup';
import { useMemberships } from '../useMemberships';
import {
  holdRequests,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';

const api = setupMockApi();
const wrapperFor =
  (props: TestProviderProps = {}) =>
  ({ children }: { children: ReactNode }) => <TestProvider {...props}>{children}</TestProvider>;

describe('every error GroupKit raises is a GroupKitError with a stable code', () => {
  it('no_provider: a hook outside the provider, with how to fix it', () => {
    let thrown: unknown;
    try {
      renderHook(() => useMemberships());
    } catch (error) {
      thrown = error;
    }
    expect(isGroupKitError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'no_provider', name: 'GroupKitError' });
    expect((thrown as Error).message).toMatch(/wrap your app in <GroupKitProvider/);
  });

  it('no_user: a write without a signed-in user sends nothing', async () => {
    const view = renderHook(() => useJoinGroup('newsletter'), {
      wrapper: wrapperFor({ userId: null }),
    });
    const outcome = await view.result.current.join();
    expect(outcome.error).toMatchObject({ code: 'no_user' });
    expect(isGroupKitError(outcome.error)).toBe(true);
    expect(api.requests).toEqual([]);
  });

  it('no_account_group: identify on a provider without groupId, reported to onError', async () => {
    const onError = vi.fn<(error: GroupKitError, context: GroupKitErrorContext) => void>();
    const view = renderHook(() => ({ group: useGroup(), kit: useGroupKit() }), {
      wrapper: wrapperFor({ groupId: null, onError }),
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    api.requests.length = 0;
    const outcome = await view.result.current.group.identify({ seats: 3 });
    expect(outcome.error).toMatchObject({ code: 'no_account_group' });
    expect(onError).toHaveBeenCalledWith(outcome.error, { action: 'identify' });
    expect(api.requests).toEqual([]);
  });

  it('unmounted: a change still waiting when the provider unmounts stays queued', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = renderHook(
      () => ({ first: useJoinGroup('newsletter'), second: useJoinGroup('community') }),
      { wrapper: wrapperFor() },
    );
    let second: Promise<GroupKitOutcome<MembershipChangeResult>> | undefined;
    act(() => {
      void view.result.current.first.join();
      second = view.result.current.second.join();
    });
    await waitFor(() => expect(hold.held).toBe(1));
    view.unmount();
    hold.release(true);
    const outcome = await second;
    expect(outcome?.error).toMatchObject({ code: 'unmounted' });
    expect(localStorage.getItem('groupkit:acme:u_ada')).toContain('community');
  });

  it("onError gets the client's errors as they are: an API code, or network_error", async () => {
    const onError = vi.fn<(error: GroupKitError, context: GroupKitErrorContext) => void>();
    const view = renderHook(() => ({ join: useJoinGroup('beta'), kit: useGroupKit() }), {
      wrapper: wrapperFor({ onError }),
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    await act(async () => void (await view.result.current.join.join()));
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, context] = onError.mock.calls[0] ?? [];
    expect(error).toMatchObject({ name: 'GroupKitApiError', code: 'group_not_joinable' });
    expect(isGroupKitError(error)).toBe(true);
    expect(context).toMatchObject({ action: 'change' });
    expect(new GroupKitNetworkError('offline')).toMatchObject({ code: 'network_error' });
  });
});
