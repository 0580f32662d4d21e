import {
  createGroupKitClient,
  GroupKitChangeError,
  isGroupKitApiError,
  type Membership,
} from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { groupKitKeys } from '../queryKeys';
import { useChangeMemberships } from '../useChangeMemberships';
import { useGroupKit } from '../useGroupKit';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useLeaveGroup } from '../useLeaveGroup';
import { useMemberships } from '../useMemberships';
import { useUserGroups } from '../useUserGroups';
import {
  BASE,
  engineMemberships,
  holdRequests,
  TestProvider,
  type TestProviderProps,
  setupMockApi,
} from './support/mockApi';

const api = setupMockApi();
const POST_CHANGES = 'POST /v1/users/u_ada/membership-changes';

function wrapperFor(props: TestProviderProps = {}) {
  return ({ children }: { children: ReactNode }) => (
    <TestProvider {...props}>{children}</TestProvider>
  );
}

/** A few hooks as a toggle widget would use them, for up to three groups. */
function useToggles(groups: readonly string[]) {
  const [a = '', b = '', c = ''] = groups;
  const member = [useIsMember(a), useIsMember(b), useIsMember(c)];
  const join = [useJoinGroup(a), useJoinGroup(b), useJoinGroup(c)];
  return {
    member: Object.fromEntries(groups.map((g, i) => [g, member[i]])),
    join: Object.fromEntries(groups.map((g, i) => [g, join[i]])),
    kit: useGroupKit(),
  };
}

async function renderToggles(groups: string[], props: TestProviderProps = {}) {
  const view = renderHook(() => useToggles(groups), { wrapper: wrapperFor(props) });
  await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
  api.requests.length = 0;
  return view;
}

describe('ordered changes through useChangeMemberships', () => {
  const secretClient = () => createGroupKitClient({ apiKey: 'sk_test_groupkit', baseUrl: BASE });

  it.each([
    ['-pro,+plus', ['Pro cancellation survey', 'Welcome to Plus']],
    ['+plus,-pro', []],
  ])('%s for Ada fires %j, in op order', async (changes, fired) => {
    const view = renderHook(() => ({ change: useChangeMemberships(), plus: useIsMember('plus') }), {
      wrapper: wrapperFor({ client: secretClient() }),
    });
    await waitFor(() => expect(view.result.current.plus).toBe(false));
    let outcome: Awaited<ReturnType<typeof view.result.current.change.apply>> | undefined;
    await act(async () => {
      outcome = await view.result.current.change.apply(changes);
    });
    expect(outcome?.ok).toBe(true);
    expect(outcome?.data?.automations.map((a) => a.name)).toEqual(fired);
    expect(view.result.current.plus).toBe(true);
    expect(engineMemberships(api.engine)).toContain('plus');
    expect(engineMemberships(api.engine)).not.toContain('pro');
  });

  it('previews with dryRun: reports the automations, changes nothing on screen or server', async () => {
    const view = renderHook(() => ({ change: useChangeMemberships(), pro: useIsMember('pro') }), {
      wrapper: wrapperFor({ client: secretClient() }),
    });
    await waitFor(() => expect(view.result.current.pro).toBe(true));
    let automations: string[] = [];
    await act(async () => {
      const preview = await view.result.current.change.apply('-pro,+plus', { dryRun: true });
      automations = preview.data?.automations.map((a) => a.name) ?? [];
      // A preview is never shown as if applied.
      expect(view.result.current.pro).toBe(true);
    });
    expect(automations).toEqual(['Pro cancellation survey', 'Welcome to Plus']);
    expect(view.result.current.pro).toBe(true);
    expect(engineMemberships(api.engine)).toContain('pro');
    expect(api.engine.listAutomationRuns('u_ada')).toHaveLength(0);
  });

  it('refuses a malformed change at once with a typed error naming the op, sending nothing', async () => {
    const onError = vi.fn();
    const view = renderHook(() => ({ change: useChangeMemberships(), kit: useGroupKit() }), {
      wrapper: wrapperFor({ onError }),
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    api.requests.length = 0;
    for (const [input, index] of [
      ['pro', 0],
      ['+', 0],
      ['++pro', 0],
      ['+pro,,-plus', 1],
      ['+pro, -plus', 1],
    ] as const) {
      const outcome = await view.result.current.change.apply(input);
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toBeInstanceOf(GroupKitChangeError);
      expect((outcome.error as GroupKitChangeError).index).toBe(index);
    }
    expect(api.requests).toEqual([]);
    expect(onError).toHaveBeenCalledTimes(5);
    expect(view.result.current.change.isPending).toBe(false);
  });
});

describe('optimistic joins and leaves', () => {
  it('shows a join at once, sends one request, and keeps it once confirmed', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = await renderToggles(['newsletter']);
    expect(view.result.current.member.newsletter).toBe(false);

    act(() => void view.result.current.join.newsletter?.join());
    expect(view.result.current.member.newsletter).toBe(true);
    expect(view.result.current.join.newsletter?.isPending).toBe(true);
    await waitFor(() => expect(hold.held).toBe(1));
    expect(engineMemberships(api.engine)).not.toContain('newsletter');

    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.join.newsletter?.isPending).toBe(false));
    expect(view.result.current.member.newsletter).toBe(true);
    expect(engineMemberships(api.engine)).toContain('newsletter');
    // One change, one request: the cache is updated from the answer, never refetched.
    expect(api.requests).toEqual([POST_CHANGES]);
  });

  it('leaves and counts members in the directory', async () => {
    api.engine.changeMemberships({ userId: 'u_grace', changes: '+community', actor: 'user' });
    const view = renderHook(
      () => ({ leave: useLeaveGroup('community'), groups: useUserGroups(), kit: useGroupKit() }),
      { wrapper: wrapperFor({ userId: 'u_grace' }) },
    );
    await waitFor(() => expect(view.result.current.groups.status).toBe('ready'));
    const count = () =>
      view.result.current.groups.data?.find((g) => g.slug === 'community')?.memberCount;
    const before = count() ?? 0;
    await act(async () => {
      await view.result.current.leave.leave();
    });
    expect(count()).toBe(before - 1);
    expect(engineMemberships(api.engine, 'u_grace')).not.toContain('community');
  });

  it('serializes rapid toggles in the order made; a failed first one rolls back only itself', async () => {
    const onError = vi.fn();
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = await renderToggles(['spring-summit', 'newsletter', 'community'], { onError });

    // Three toggles before any answer: a group that has not opened yet (refused), then two open ones.
    act(() => {
      void view.result.current.join['spring-summit']?.join();
      void view.result.current.join.newsletter?.join();
      void view.result.current.join.community?.join();
    });
    expect(view.result.current.member).toEqual({
      'spring-summit': true,
      newsletter: true,
      community: true,
    });
    // The second waits for the first: one request on the wire.
    await waitFor(() => expect(hold.held).toBe(1));
    expect(api.requests).toEqual([POST_CHANGES]);

    act(() => hold.release());
    await waitFor(() => expect(view.result.current.member['spring-summit']).toBe(false));
    const error = view.result.current.join['spring-summit']?.error;
    expect(isGroupKitApiError(error) && error.code).toBe('group_not_active');
    // The later toggles are still shown, and only now sent.
    expect(view.result.current.member.newsletter).toBe(true);
    expect(view.result.current.member.community).toBe(true);

    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.kit.isSaving).toBe(false));
    expect(view.result.current.member).toEqual({
      'spring-summit': false,
      newsletter: true,
      community: true,
    });
    expect(view.result.current.join.newsletter?.error).toBeNull();
    expect(engineMemberships(api.engine)).toEqual(
      expect.arrayContaining(['newsletter', 'community']),
    );
    expect(engineMemberships(api.engine)).not.toContain('spring-summit');
    expect(api.requests).toEqual([POST_CHANGES, POST_CHANGES, POST_CHANGES]);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[1]).toEqual({
      action: 'change',
      changes: [{ op: 'add', group: 'spring-summit' }],
    });
  });

  it('join then leave of the same group, answered slowly, ends left (the later state wins)', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = renderHook(
      () => ({
        join: useJoinGroup('newsletter'),
        leave: useLeaveGroup('newsletter'),
        member: useIsMember('newsletter'),
      }),
      { wrapper: wrapperFor() },
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));
    act(() => {
      void view.result.current.join.join();
      void view.result.current.leave.leave();
    });
    expect(view.result.current.member).toBe(false);
    await waitFor(() => expect(hold.held).toBe(1));
    act(() => hold.release());
    // The join's answer arrives: the leave is still pending on top, so the screen stays "left".
    await waitFor(() =>
      expect(api.engine.listMemberships('u_ada').map((m) => m.slug)).toContain('newsletter'),
    );
    expect(view.result.current.member).toBe(false);
    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.join.isPending).toBe(false));
    expect(view.result.current.member).toBe(false);
    expect(engineMemberships(api.engine)).not.toContain('newsletter');
  });

  it('a refetch that read the server before a change, answering after it, does not undo it', async () => {
    const queryClient = new QueryClient();
    let releaseRead = () => {};
    api.server.use(
      http.get(`${BASE}/v1/users/u_ada/memberships`, async () => {
        // Read now (before the change), answer later (after it): the classic stale response.
        const stale = api.engine.listMemberships('u_ada');
        await new Promise<void>((resolve) => {
          releaseRead = resolve;
        });
        return HttpResponse.json({ data: stale });
      }),
    );
    const view = await renderToggles(['newsletter'], { queryClient });
    act(() => void queryClient.invalidateQueries({ queryKey: groupKitKeys.memberships('u_ada') }));
    await waitFor(() => expect(api.requests).toContain('GET /v1/users/u_ada/memberships'));

    await act(async () => {
      await view.result.current.join.newsletter?.join();
    });
    expect(view.result.current.member.newsletter).toBe(true);

    act(() => releaseRead());
    await waitFor(() =>
      expect(queryClient.getQueryState(groupKitKeys.memberships('u_ada'))?.fetchStatus).toBe(
        'idle',
      ),
    );
    expect(view.result.current.member.newsletter).toBe(true);
    const cached = queryClient.getQueryData<Membership[]>(groupKitKeys.memberships('u_ada'));
    expect(cached?.map((m) => m.slug)).toContain('newsletter');
  });

  it('a server refresh while a change is pending never clobbers the optimistic state', async () => {
    const queryClient = new QueryClient();
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = await renderToggles(['newsletter'], { queryClient });
    act(() => void view.result.current.join.newsletter?.join());
    await waitFor(() => expect(hold.held).toBe(1));

    await act(async () => {
      await queryClient.refetchQueries({ queryKey: groupKitKeys.memberships('u_ada') });
    });
    // The server still says "not a member"; the pending join stays on screen.
    expect(view.result.current.member.newsletter).toBe(true);

    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.kit.isSaving).toBe(false));
    expect(view.result.current.member.newsletter).toBe(true);
  });

  it('lists memberships with pending ones applied, and nothing optimistic left after a failure', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const view = renderHook(
      () => ({ list: useMemberships(), join: useJoinGroup('spring-summit') }),
      {
        wrapper: wrapperFor(),
      },
    );
    await waitFor(() => expect(view.result.current.list.status).toBe('ready'));
    const before = view.result.current.list.data?.map((m) => m.slug);
    act(() => void view.result.current.join.join());
    expect(view.result.current.list.data?.map((m) => m.slug)).toEqual([
      ...(before ?? []),
      'spring-summit',
    ]);
    expect(view.result.current.list.data?.at(-1)).toMatchObject({
      name: 'Spring summit',
      source: 'self',
    });
    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.join.error).not.toBeNull());
    expect(view.result.current.list.data?.map((m) => m.slug)).toEqual(before);
    act(() => view.result.current.join.reset());
    expect(view.result.current.join.error).toBeNull();
  });

  it("drops one user's pending state and failures when the user changes", async () => {
    const user = { id: 'u_ada' };
    const view = renderHook(() => ({ join: useJoinGroup('spring-summit'), kit: useGroupKit() }), {
      wrapper: ({ children }) => <TestProvider userId={user.id}>{children}</TestProvider>,
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    await act(async () => {
      await view.result.current.join.join();
    });
    expect(view.result.current.join.error).not.toBeNull();
    user.id = 'u_grace';
    view.rerender();
    expect(view.result.current.join.error).toBeNull();
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
  });
});

describe('useUserGroups', () => {
  it('lists the active directory by order, scheduled groups on request, from the one mount request', async () => {
    const view = renderHook(
      () => ({ active: useUserGroups(), all: useUserGroups({ includeScheduled: true }) }),
      { wrapper: wrapperFor() },
    );
    await waitFor(() => expect(view.result.current.all.status).toBe('ready'));
    const active = view.result.current.active.data ?? [];
    expect(active.map((g) => g.slug)).not.toContain('spring-summit');
    expect(active.every((g) => g.status === 'active' && g.userViewable)).toBe(true);
    expect(active.map((g) => g.order)).toEqual(
      [...active.map((g) => g.order)].sort((a, b) => a - b),
    );
    const scheduled = view.result.current.all.data?.find((g) => g.slug === 'spring-summit');
    expect(scheduled).toMatchObject({ status: 'scheduled' });
    expect(view.result.current.all.data?.map((g) => g.slug)).not.toContain('webinar-2025');
    expect(api.requests).toEqual(['GET /v1/session']);
  });
});
