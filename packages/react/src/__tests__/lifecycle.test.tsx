import { QueryClient } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { GroupGate } from '../GroupGate';
import { groupKitKeys } from '../queryKeys';
import { useChangeMemberships } from '../useChangeMemberships';
import { useGroup } from '../useGroup';
import { useGroupGate } from '../useGroupGate';
import { useGroupKit } from '../useGroupKit';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useMemberships } from '../useMemberships';
import { useRedeemCode } from '../useRedeemCode';
import { useUserGroups } from '../useUserGroups';
import { BASE, holdRequests, setupMockApi, TestProvider } from './support/mockApi';

const api = setupMockApi();

/** Every data hook at once, as a real page might mount them. */
function useEverything() {
  return {
    kit: useGroupKit(),
    group: useGroup(),
    memberships: useMemberships(),
    pro: useIsMember('pro'),
    directory: useUserGroups({ includeScheduled: true }),
    gate: useGroupGate({ include: ['plus'], exclude: ['pro'] }),
    change: useChangeMemberships(),
    join: useJoinGroup('newsletter'),
    code: useRedeemCode(),
  };
}

describe('provider lifecycle', () => {
  it.each([1, 5, 20])(
    'sends one request on mount with %i copies of every hook mounted',
    async (copies) => {
      const Page = () => {
        const results = useEverything();
        return <p data-testid="status">{results.kit.status}</p>;
      };
      render(
        <TestProvider>
          {Array.from({ length: copies }, (_, i) => (
            <Page key={i} />
          ))}
        </TestProvider>,
      );
      await waitFor(() =>
        screen.getAllByTestId('status').forEach((p) => expect(p).toHaveTextContent('ready')),
      );
      expect(api.requests).toEqual(['GET /v1/session']);
    },
  );

  it('works in StrictMode: one request, and a change applies exactly once', async () => {
    const view = renderHook(useEverything, {
      wrapper: ({ children }) => (
        <StrictMode>
          <TestProvider>{children}</TestProvider>
        </StrictMode>
      ),
    });
    await waitFor(() => expect(view.result.current.directory.status).toBe('ready'));
    expect(api.requests).toEqual(['GET /v1/session']);
    await act(async () => {
      await view.result.current.join.join();
    });
    expect(api.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(api.engine.listMemberships('u_ada').map((m) => m.slug)).toContain('newsletter');
  });

  it('fetches nothing after unmount, even when the cache is invalidated', async () => {
    const queryClient = new QueryClient();
    const view = renderHook(useEverything, {
      wrapper: ({ children }) => <TestProvider queryClient={queryClient}>{children}</TestProvider>,
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    view.unmount();
    api.requests.length = 0;
    await act(async () => {
      await queryClient.invalidateQueries({ queryKey: groupKitKeys.all });
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(api.requests).toEqual([]);
  });

  // A host QueryClient with react-query's defaults (3 retries, refetch on focus) must behave
  // like the provider's private one: its defaults for GroupKit's keys are the provider's.
  it.each([
    ['the private QueryClient', () => undefined],
    ["the host's QueryClient (react-query defaults)", () => new QueryClient()],
  ])('reports a failed load to onError once, with the action, on %s', async (_, makeClient) => {
    api.server.use(
      http.get(`${BASE}/v1/session`, () =>
        HttpResponse.json(
          { error: { code: 'user_not_found', message: 'No user u_nobody.', details: {} } },
          { status: 404 },
        ),
      ),
    );
    const onError = vi.fn();
    const queryClient = makeClient();
    const view = renderHook(useEverything, {
      wrapper: ({ children }) => (
        <TestProvider userId="u_nobody" onError={onError} queryClient={queryClient}>
          {children}
        </TestProvider>
      ),
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('error'));
    expect(view.result.current.memberships.status).toBe('error');
    expect(view.result.current.directory.status).toBe('error');
    await waitFor(() => expect(onError).toHaveBeenCalled());
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[1]).toEqual({ action: 'load' });
    expect(api.requests).toEqual(['GET /v1/session']);
  });

  it("sends nothing on window focus, on the host's QueryClient too; the host's own queries keep its defaults", async () => {
    const queryClient = new QueryClient();
    const view = renderHook(useEverything, {
      wrapper: ({ children }) => <TestProvider queryClient={queryClient}>{children}</TestProvider>,
    });
    await waitFor(() => expect(view.result.current.directory.status).toBe('ready'));
    act(() => {
      window.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('focus'));
    });
    expect(api.requests).toEqual(['GET /v1/session']);
    expect(queryClient.getQueryDefaults(['app', 'todos'])).toEqual({});
    expect(queryClient.getQueryDefaults(groupKitKeys.memberships('u_ada'))).toMatchObject({
      retry: false,
      refetchOnWindowFocus: false,
    });
  });

  it('says "retrying", never "error", while the client rides out transient failures', async () => {
    let failures = 2;
    api.server.use(
      http.get(`${BASE}/v1/session`, () => {
        if (failures-- <= 0) return undefined;
        return HttpResponse.json(
          { error: { code: 'internal_error', message: 'Try again.', details: {} } },
          { status: 503 },
        );
      }),
    );
    // Every rendered state is recorded (not sampled by waitFor's polling, which a loaded
    // machine can make miss the short retrying window).
    const seen = new Set<string>();
    const view = renderHook(
      () => {
        const kit = useGroupKit();
        seen.add(`${kit.status}${kit.isRetrying ? '+retrying' : ''}`);
        return { kit, memberships: useMemberships() };
      },
      { wrapper: ({ children }) => <TestProvider>{children}</TestProvider> },
    );
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(seen).toContain('loading+retrying');
    expect(seen).not.toContain('error');
    expect(view.result.current.kit.isRetrying).toBe(false);
    expect(api.requests.filter((r) => r === 'GET /v1/session')).toHaveLength(3);
  });

  it('sends nothing while disabled, and writes explain they need a user', async () => {
    const view = renderHook(useEverything, {
      wrapper: ({ children }) => <TestProvider userId={null}>{children}</TestProvider>,
    });
    expect(view.result.current.kit).toMatchObject({ status: 'loading', enabled: false });
    const outcome = await view.result.current.join.join();
    expect(outcome.error?.message).toMatch(/signed-in user/);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(api.requests).toEqual([]);
  });

  it('GroupGate follows a pending change at once: joining an excluded group swaps to the fallback', async () => {
    const view = render(
      <TestProvider userId="u_grace">
        <GroupGate include={['plus']} exclude={['newsletter']} fallback={<p>fallback</p>}>
          <p>Plus perks</p>
        </GroupGate>
        <JoinNewsletter />
      </TestProvider>,
    );
    const hold = holdRequests(api.server, 'post', '/users/u_grace/membership-changes');
    expect(await view.findByText('Plus perks')).toBeInTheDocument();
    act(() => view.getByRole('button', { name: 'Join newsletter' }).click());
    // Before any answer: the gate already reflects the pending join.
    expect(view.getByText('fallback')).toBeInTheDocument();
    hold.release(true);
    await waitFor(() =>
      expect(api.engine.listMemberships('u_grace').map((m) => m.slug)).toContain('newsletter'),
    );
    expect(view.getByText('fallback')).toBeInTheDocument();
  });
});

function JoinNewsletter() {
  const { join } = useJoinGroup('newsletter');
  return (
    <button type="button" onClick={() => void join()}>
      Join newsletter
    </button>
  );
}
