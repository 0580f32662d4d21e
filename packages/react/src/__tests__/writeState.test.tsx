import {
  createGroupKitClient,
  GroupKitChangeError,
  isGroupKitApiError,
  type GroupKitError,
} from '@groupkit/client';
import { act, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupKitWriteState } from '../result';
import { useChangeMemberships } from '../useChangeMemberships';
import { useFlow } from '../useFlow';
import { useGroup } from '../useGroup';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useLeaveGroup } from '../useLeaveGroup';
import { useRedeemCode } from '../useRedeemCode';
import { publishFlow } from './support/flows';
import {
  BASE,
  engineMemberships,
  holdRequests,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';
import { setOnline } from './support/network';

// The one write shape (`GroupKitWriteState`) as a user of each write hook sees it: every state
// a hook renders is recorded (not sampled by polling), so a state it skipped or flashed shows.

const api = setupMockApi();

afterEach(() => setOnline(true));

/** A write state as a label: `pending+queued` while a change waits for the network. */
const label = (state: GroupKitWriteState<unknown>) =>
  `${state.status}${state.queued ? '+queued' : ''}`;

/**
 * Renders `useHooks` under a provider, recording every state `pick` returns from it, repeats
 * collapsed: the states a user could see, in order.
 */
function renderWrites<R>(
  useHooks: () => R,
  pick: (result: R) => GroupKitWriteState<unknown>,
  props: TestProviderProps = {},
) {
  const seen: string[] = [];
  const view = renderHook(
    () => {
      const result = useHooks();
      const now = label(pick(result));
      if (seen.at(-1) !== now) seen.push(now);
      return result;
    },
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestProvider {...props}>{children}</TestProvider>
      ),
    },
  );
  return { view, seen };
}

const codeOf = (error: GroupKitError | null) => (isGroupKitApiError(error) ? error.code : null);

/** Holds every `PUT path` until `release()`, then lets the real handler answer. */
function holdPuts(path: string) {
  const waiting: (() => void)[] = [];
  api.server.use(
    http.put(`${BASE}/v1${path}`, async () => {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }),
  );
  return {
    release: () => waiting.splice(0).forEach((resume) => resume()),
    get held() {
      return waiting.length;
    },
  };
}

describe('every write hook: idle, pending, then success or error; reset back to idle', () => {
  it('useJoinGroup: pending while the join is on the wire, then success with the answer', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const { view, seen } = renderWrites(
      () => ({ join: useJoinGroup('newsletter'), member: useIsMember('newsletter') }),
      (r) => r.join,
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));
    expect(view.result.current.join).toMatchObject({
      status: 'idle',
      isPending: false,
      queued: false,
      data: null,
      error: null,
    });
    act(() => void view.result.current.join.join());
    expect(view.result.current.join).toMatchObject({ status: 'pending', isPending: true });
    await waitFor(() => expect(hold.held).toBe(1));
    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.join.status).toBe('success'));
    expect(view.result.current.join).toMatchObject({
      isPending: false,
      queued: false,
      error: null,
    });
    expect(view.result.current.join.data?.applied).toEqual([
      expect.objectContaining({ group: 'newsletter', result: 'added' }),
    ]);
    expect(seen).toEqual(['idle', 'pending', 'success']);
    act(() => view.result.current.join.reset());
    expect(view.result.current.join).toMatchObject({ status: 'idle', data: null, error: null });
  });

  it('useJoinGroup: a refused join is an error (rolled back) until reset', async () => {
    const { view, seen } = renderWrites(
      () => ({ join: useJoinGroup('spring-summit'), member: useIsMember('spring-summit') }),
      (r) => r.join,
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));
    act(() => void view.result.current.join.join());
    expect(view.result.current.join.status).toBe('pending');
    await waitFor(() => expect(view.result.current.join.status).toBe('error'));
    expect(view.result.current.join.error).not.toBeNull();
    expect(view.result.current.join).toMatchObject({ isPending: false, data: null });
    expect(view.result.current.member).toBe(false);
    expect(seen).toEqual(['idle', 'pending', 'error']);
    act(() => view.result.current.join.reset());
    expect(view.result.current.join).toMatchObject({ status: 'idle', error: null });
  });

  it('useLeaveGroup: pending, then success; leaving a group the user cannot leave is an error', async () => {
    // Ada joined the newsletter before this page.
    await createGroupKitClient({ apiKey: 'sk_test_groupkit', baseUrl: BASE }).changeMemberships(
      'u_ada',
      '+newsletter',
    );
    const { view, seen } = renderWrites(
      () => ({
        leave: useLeaveGroup('newsletter'),
        leavePro: useLeaveGroup('customer'),
        member: useIsMember('newsletter'),
      }),
      (r) => r.leave,
    );
    await waitFor(() => expect(view.result.current.member).toBe(true));
    act(() => void view.result.current.leave.leave());
    expect(view.result.current.leave.status).toBe('pending');
    await waitFor(() => expect(view.result.current.leave.status).toBe('success'));
    expect(view.result.current.leave.data?.applied).toEqual([
      expect.objectContaining({ group: 'newsletter', result: 'removed' }),
    ]);
    expect(engineMemberships(api.engine)).not.toContain('newsletter');
    expect(seen).toEqual(['idle', 'pending', 'success']);

    await act(async () => {
      await view.result.current.leavePro.leave();
    });
    expect(view.result.current.leavePro.status).toBe('error');
    expect(engineMemberships(api.engine)).toContain('customer');
  });

  it('useChangeMemberships: pending, then success; a malformed change is an error at once, sending nothing', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const { view, seen } = renderWrites(
      () => ({ change: useChangeMemberships(), member: useIsMember('community') }),
      (r) => r.change,
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));
    act(() => void view.result.current.change.apply('+community'));
    expect(view.result.current.change).toMatchObject({ status: 'pending', isPending: true });
    await waitFor(() => expect(hold.held).toBe(1));
    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.change.status).toBe('success'));
    expect(view.result.current.change.data?.memberships.map((m) => m.slug)).toContain('community');
    expect(seen).toEqual(['idle', 'pending', 'success']);

    api.requests.length = 0;
    await act(async () => {
      await view.result.current.change.apply('community');
    });
    expect(view.result.current.change.status).toBe('error');
    expect(view.result.current.change.error).toBeInstanceOf(GroupKitChangeError);
    expect(view.result.current.change.data).toBeNull();
    expect(api.requests).toEqual([]);
    act(() => view.result.current.change.reset());
    expect(view.result.current.change).toMatchObject({ status: 'idle', error: null, data: null });
  });

  it('useRedeemCode: a reset while the code is checked wins over the answer', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/redeem-code');
    const { view, seen } = renderWrites(
      () => ({ code: useRedeemCode(), beta: useIsMember('beta') }),
      (r) => r.code,
    );
    await waitFor(() => expect(view.result.current.beta).toBe(false));
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = view.result.current.code.redeem('BETA-2026');
    });
    expect(view.result.current.code).toMatchObject({ status: 'pending', isPending: true });
    act(() => view.result.current.code.reset());
    expect(view.result.current.code.status).toBe('idle');
    await waitFor(() => expect(hold.held).toBe(1));
    hold.release(true);
    await act(async () => {
      await done;
    });
    // The code was redeemed (the outcome says so), but the form was reset meanwhile.
    expect(view.result.current.beta).toBe(true);
    expect(view.result.current.code).toMatchObject({ status: 'idle', data: null, error: null });
    expect(seen).toEqual(['idle', 'pending', 'idle']);
  });

  it('useGroup().writeState: identify pending, then success with the merged group; a refused one is an error', async () => {
    api.engine.updateProject({ clientWritableProperties: ['seats'] });
    const hold = holdRequests(api.server, 'post', '/groups/identify');
    const { view, seen } = renderWrites(
      () => useGroup(),
      (r) => r.writeState,
    );
    await waitFor(() => expect(view.result.current.status).toBe('ready'));
    act(() => void view.result.current.identify({ seats: 40 }));
    expect(view.result.current.writeState).toMatchObject({ status: 'pending', isPending: true });
    // The account group's own state is its load's: ready, with the change shown.
    expect(view.result.current.status).toBe('ready');
    expect(view.result.current.data?.properties).toMatchObject({ seats: 40 });
    await waitFor(() => expect(hold.held).toBe(1));
    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.writeState.status).toBe('success'));
    expect(view.result.current.writeState.data).toMatchObject({
      id: 'acme',
      properties: expect.objectContaining({ seats: 40 }),
    });

    act(() => void view.result.current.identify({ plan: 'Enterprise' }));
    expect(view.result.current.writeState.status).toBe('pending');
    await waitFor(() => expect(view.result.current.writeState.status).toBe('error'));
    expect(codeOf(view.result.current.writeState.error)).toBe('property_not_writable');
    expect(view.result.current.status).toBe('ready');
    expect(seen).toEqual(['idle', 'pending', 'success', 'pending', 'error']);
    act(() => view.result.current.writeState.reset());
    expect(view.result.current.writeState).toMatchObject({ status: 'idle', error: null });
  });

  it('useFlow(id).writeState: a move pending, then success with the saved progress; a refused one is an error until reset', async () => {
    publishFlow(api.engine);
    const hold = holdPuts('/users/u_ada/flows/welcome');
    const { view, seen } = renderWrites(
      () => useFlow('welcome'),
      (r) => r.writeState,
    );
    await waitFor(() => expect(view.result.current.status).toBe('not_started'));
    act(() => void view.result.current.next());
    expect(view.result.current.writeState).toMatchObject({ status: 'pending', isPending: true });
    expect(view.result.current).toMatchObject({ status: 'in_progress', step: 'pick' });
    await waitFor(() => expect(hold.held).toBe(1));
    act(() => hold.release());
    await waitFor(() => expect(view.result.current.writeState.status).toBe('success'));
    expect(view.result.current.writeState.data).toMatchObject({ step: 'pick' });
    expect(view.result.current.isPending).toBe(false);

    api.server.use(
      http.put(`${BASE}/v1/users/u_ada/flows/welcome`, () =>
        HttpResponse.json(
          { error: { code: 'validation_failed', message: 'Refused.', details: {} } },
          { status: 400 },
        ),
      ),
    );
    act(() => void view.result.current.next());
    expect(view.result.current.writeState.status).toBe('pending');
    await waitFor(() => expect(view.result.current.writeState.status).toBe('error'));
    expect(view.result.current.error).toBe(view.result.current.writeState.error);
    expect(view.result.current.step).toBe('pick');
    expect(seen).toEqual(['idle', 'pending', 'success', 'pending', 'error']);
    act(() => view.result.current.writeState.reset());
    expect(view.result.current.writeState.status).toBe('idle');
    expect(view.result.current.error).toBeNull();
  });
});

describe('join and leave follow their group from anywhere in the app', () => {
  it('pending while another hook changes the group, and its failure shows in both until reset', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/membership-changes');
    const { view } = renderWrites(
      () => ({
        change: useChangeMemberships(),
        join: useJoinGroup('spring-summit'),
        leave: useLeaveGroup('spring-summit'),
        member: useIsMember('spring-summit'),
      }),
      (r) => r.join,
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));
    act(() => void view.result.current.change.apply('+spring-summit'));
    expect(view.result.current.join).toMatchObject({ status: 'pending', isPending: true });
    expect(view.result.current.leave.status).toBe('pending');
    await waitFor(() => expect(hold.held).toBe(1));
    act(() => hold.release(true));
    await waitFor(() => expect(view.result.current.change.status).toBe('error'));
    // The group's failure, whichever hook made the change.
    expect(view.result.current.join.status).toBe('error');
    expect(view.result.current.join.error).toBe(view.result.current.change.error);
    expect(view.result.current.leave.error).toBe(view.result.current.change.error);
    act(() => view.result.current.leave.reset());
    expect(view.result.current.join).toMatchObject({ status: 'idle', error: null });
    // Its own apply's error is the ordered-changes hook's to keep.
    expect(view.result.current.change.status).toBe('error');
  });
});

describe('queued: a change made offline waits for the network, then goes out', () => {
  it.each([
    ['useJoinGroup', '/users/u_ada/membership-changes'],
    ['useChangeMemberships', '/users/u_ada/membership-changes'],
    ['useRedeemCode', '/users/u_ada/redeem-code'],
    ['useGroup().identify', '/groups/identify'],
  ] as const)(
    '%s: pending and queued while offline, queued clears as it is sent',
    async (hook, path) => {
      api.engine.updateProject({ clientWritableProperties: ['seats'] });
      const { view, seen } = renderWrites(
        () => ({
          join: useJoinGroup('newsletter'),
          change: useChangeMemberships(),
          code: useRedeemCode(),
          group: useGroup(),
        }),
        (r) =>
          hook === 'useJoinGroup'
            ? r.join
            : hook === 'useChangeMemberships'
              ? r.change
              : hook === 'useRedeemCode'
                ? r.code
                : r.group.writeState,
      );
      const state = () => {
        const r = view.result.current;
        return hook === 'useJoinGroup'
          ? r.join
          : hook === 'useChangeMemberships'
            ? r.change
            : hook === 'useRedeemCode'
              ? r.code
              : r.group.writeState;
      };
      await waitFor(() => expect(view.result.current.group.status).toBe('ready'));
      setOnline(false);
      act(() => {
        const r = view.result.current;
        if (hook === 'useJoinGroup') void r.join.join();
        else if (hook === 'useChangeMemberships') void r.change.apply('+newsletter');
        else if (hook === 'useRedeemCode') void r.code.redeem('BETA-2026');
        else void r.group.identify({ seats: 30 });
      });
      await waitFor(() => expect(state()).toMatchObject({ status: 'pending', queued: true }));
      expect(state().isPending).toBe(true);
      expect(api.requests.filter((r) => r.startsWith('POST'))).toEqual([]);

      // Back online: sent (held on the wire, no longer queued), then answered.
      const hold = holdRequests(api.server, 'post', path);
      act(() => setOnline(true));
      await waitFor(() => expect(hold.held).toBe(1));
      expect(state()).toMatchObject({ status: 'pending', queued: false });
      act(() => hold.release(true));
      await waitFor(() => expect(state().status).toBe('success'));
      expect(state().queued).toBe(false);
      expect(seen.join()).toMatch(/^idle,(pending,)?pending\+queued,pending,success$/);
    },
  );

  it('useFlow(id).writeState: a move made offline is queued until the browser is back online', async () => {
    publishFlow(api.engine);
    const { view, seen } = renderWrites(
      () => useFlow('welcome'),
      (r) => r.writeState,
    );
    await waitFor(() => expect(view.result.current.status).toBe('not_started'));
    setOnline(false);
    act(() => void view.result.current.next());
    await waitFor(() =>
      expect(view.result.current.writeState).toMatchObject({ status: 'pending', queued: true }),
    );
    expect(view.result.current.step).toBe('pick');
    const hold = holdPuts('/users/u_ada/flows/welcome');
    act(() => setOnline(true));
    await waitFor(() => expect(hold.held).toBe(1));
    expect(view.result.current.writeState).toMatchObject({ status: 'pending', queued: false });
    act(() => hold.release());
    await waitFor(() => expect(view.result.current.writeState.status).toBe('success'));
    expect(seen.join()).toMatch(/^idle,(pending,)?pending\+queued,pending,success$/);
    expect(api.engine.getUserFlow('u_ada', 'welcome').progress.step).toBe('pick');
  });
});
