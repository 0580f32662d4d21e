import type { UserGroup } from '@groupkit/client';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { type GroupKitContextValue, useGroupKitContext } from '../GroupKitContext';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useLeaveGroup } from '../useLeaveGroup';
import { useMembership } from '../useMembership';
import { useMembershipToggle } from '../useMembershipToggle';
import { useUserGroup } from '../useUserGroup';
import {
  BASE,
  engineMemberships,
  holdRequests,
  setupMockApi,
  TestProvider,
} from './support/mockApi';

const api = setupMockApi();
const CHANGES = '/users/u_ada/membership-changes';

const wrapper = ({ children }: { children: ReactNode }) => <TestProvider>{children}</TestProvider>;

/** The hook once the session answered. */
async function renderToggle(group: string | UserGroup, checked?: boolean) {
  const view = renderHook(({ c }) => useMembershipToggle(group, { checked: c }), {
    wrapper,
    initialProps: { c: checked },
  });
  await waitFor(() => expect(view.result.current.loading).toBe(false));
  return view;
}

function refuse(code: string, status: number) {
  api.server.use(
    http.post(`${BASE}/v1${CHANGES}`, () =>
      HttpResponse.json({ error: { code, message: 'refused', details: {} } }, { status }),
    ),
  );
}

describe('useMembershipToggle', () => {
  it('is loading (unchecked, no lock reason) until the session answered, then shows the membership', async () => {
    const { result } = renderHook(() => useMembershipToggle('newsletter'), { wrapper });
    expect(result.current).toMatchObject({
      group: undefined,
      name: 'newsletter',
      checked: false,
      pending: false,
      loading: true,
      lockReason: null,
      error: null,
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current).toMatchObject({
      group: expect.objectContaining({ slug: 'newsletter' }),
      name: 'Product newsletter',
      checked: false,
      lockReason: null,
    });
    expect(api.requests).toEqual(['GET /v1/session']);
  });

  it.each([
    ['uk-users', 'UK users', true, 'automatic'],
    ['pro', 'Pro', true, 'adminOnly'],
    ['beta', 'Beta testers', false, 'code'],
    ['spring-summit', 'Spring summit', false, 'scheduled'],
    ['no-such-group', 'no-such-group', false, 'unavailable'],
  ])('locks %s (%s) with its reason', async (slug, name, checked, lockReason) => {
    const { result } = await renderToggle(slug);
    expect(result.current).toMatchObject({ name, checked, lockReason });
    // A hidden group (pro) or an unknown one is not in the directory.
    expect(result.current.group?.slug).toBe(
      slug === 'pro' || slug === 'no-such-group' ? undefined : slug,
    );
  });

  it('finds a group by id as by slug', async () => {
    const { id } = api.engine.getUserGroup('beta');
    const { result } = await renderToggle(id);
    expect(result.current).toMatchObject({ name: 'Beta testers', lockReason: 'code' });
  });

  it('joins and leaves with toggle: shown at once, pending until the server answered', async () => {
    const held = holdRequests(api.server, 'post', CHANGES);
    const { result } = await renderToggle('newsletter');
    let outcome: Promise<unknown> = Promise.resolve();
    act(() => {
      outcome = result.current.toggle();
    });
    expect(result.current).toMatchObject({ checked: true, pending: true });
    held.release(true);
    await expect(outcome).resolves.toMatchObject({ ok: true });
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.checked).toBe(true);
    expect(engineMemberships(api.engine)).toContain('newsletter');

    await act(() => result.current.toggle());
    expect(result.current).toMatchObject({ checked: false, pending: false });
    expect(engineMemberships(api.engine)).not.toContain('newsletter');
    // toggle(true) joins, whatever is shown; anything but a boolean (an event) flips.
    await act(() => result.current.toggle(true));
    expect(result.current.checked).toBe(true);
    await act(() => result.current.toggle({ type: 'click' } as unknown as boolean));
    expect(result.current.checked).toBe(false);
    expect(api.requests.filter((r) => r.startsWith('POST'))).toHaveLength(4);
  });

  it('rolls a refused change back, keeps the error (as useJoinGroup sees it) until reset', async () => {
    refuse('group_not_active', 409);
    const { result } = renderHook(
      () => ({ toggle: useMembershipToggle('newsletter'), join: useJoinGroup('newsletter') }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.toggle.loading).toBe(false));
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.toggle.toggle();
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'group_not_active' } });
    expect(result.current.toggle).toMatchObject({
      checked: false,
      pending: false,
      error: expect.objectContaining({ code: 'group_not_active' }),
    });
    expect(result.current.join.error).toBe(result.current.toggle.error);
    act(() => result.current.toggle.reset());
    expect(result.current.toggle.error).toBeNull();
    expect(result.current.join.error).toBeNull();
  });

  it('controlled: shows and locks by the given state, and sends nothing by itself', async () => {
    const { result, rerender } = await renderToggle('beta', false);
    expect(result.current).toMatchObject({ checked: false, lockReason: 'code' });
    rerender({ c: true });
    // A member may leave a code group: unlocked.
    expect(result.current).toMatchObject({ checked: true, lockReason: null });
    expect(api.requests).toEqual(['GET /v1/session']);
  });

  it('takes the UserGroup itself (no directory lookup needed)', async () => {
    const beta = { ...api.engine.getUserGroup('beta'), joinType: 'open' as const };
    const { result } = await renderToggle(beta);
    expect(result.current.group).toBe(beta);
    expect(result.current.lockReason).toBeNull();
  });

  it('sends nothing without a user, and says so', async () => {
    const { result } = renderHook(() => useMembershipToggle('newsletter'), {
      wrapper: ({ children }) => <TestProvider userId={null}>{children}</TestProvider>,
    });
    const outcome = await result.current.toggle(true);
    expect(outcome.error).toMatchObject({ code: 'no_user' });
    expect(outcome.error?.message).toMatch(/useMembershipToggle/);
    expect(api.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('throws without a provider, naming itself', () => {
    expect(() => renderHook(() => useMembershipToggle('newsletter'))).toThrow(
      /^useMembershipToggle needs a <GroupKitProvider>/,
    );
  });
});

describe('one subscription per row', () => {
  /** The hooks JoinGroupToggle composed before useMembershipToggle. */
  function useComposed(slug: string) {
    useUserGroup(slug);
    useMembership(slug);
    useIsMember(slug);
    useJoinGroup(slug);
    useLeaveGroup(slug);
  }

  /** Store subscriptions and query observers that `rows` rows of `useRow` add to a provider. */
  async function countSubscriptions(rows: number, useRow: (slug: string) => unknown) {
    let context: GroupKitContextValue | undefined;
    function Grab() {
      context = useGroupKitContext('test');
      return null;
    }
    function Row({ slug }: { slug: string }) {
      useRow(slug);
      return null;
    }
    const slugs = ['newsletter', 'community', 'beta', 'pro', 'uk-users'].slice(0, rows);
    const { rerender, unmount } = render(
      <TestProvider>
        <Grab />
      </TestProvider>,
    );
    const ctx = context as GroupKitContextValue;
    const observers = () =>
      ctx.queryClient
        .getQueryCache()
        .getAll()
        .reduce((sum, query) => sum + query.getObserversCount(), 0);
    const before = observers();
    const subscribe = vi.spyOn(ctx.store, 'subscribe');
    rerender(
      <TestProvider>
        <Grab />
        {slugs.map((slug) => (
          <Row key={slug} slug={slug} />
        ))}
      </TestProvider>,
    );
    await waitFor(() => expect(ctx.queryClient.isFetching()).toBe(0));
    const counts = { store: subscribe.mock.calls.length, queries: observers() - before };
    unmount();
    return counts;
  }

  it('takes one store subscription and two query observers per row (the composed hooks took 5 and 3)', async () => {
    const toggle = await countSubscriptions(5, (slug) => useMembershipToggle(slug));
    const composed = await countSubscriptions(5, useComposed);
    expect(toggle).toEqual({ store: 5, queries: 10 });
    expect(composed).toEqual({ store: 25, queries: 15 });
  });

  it('re-renders only the row whose state changed', async () => {
    const renders: Record<string, number> = {};
    function Row({ slug }: { slug: string }) {
      const { checked, pending, loading } = useMembershipToggle(slug);
      return (
        <Profiler id={slug} onRender={() => (renders[slug] = (renders[slug] ?? 0) + 1)}>
          <p data-testid={slug}>{loading ? 'loading' : `${checked} ${pending}`}</p>
        </Profiler>
      );
    }
    let toggle: ((next?: boolean) => Promise<unknown>) | undefined;
    function Newsletter() {
      toggle = useMembershipToggle('newsletter').toggle;
      return <Row slug="newsletter" />;
    }
    render(
      <TestProvider>
        <Newsletter />
        <Row slug="community" />
        <Row slug="beta" />
      </TestProvider>,
    );
    for (const slug of ['newsletter', 'community', 'beta'])
      await waitFor(() => expect(screen.getByTestId(slug)).toHaveTextContent('false false'));
    const before = { ...renders };
    await act(async () => {
      await toggle?.(true);
    });
    await waitFor(() => expect(screen.getByTestId('newsletter')).toHaveTextContent('true false'));
    expect(renders.newsletter).toBeGreaterThan(before.newsletter ?? 0);
    expect(renders.community).toBe(before.community);
    expect(renders.beta).toBe(before.beta);
  });
});
