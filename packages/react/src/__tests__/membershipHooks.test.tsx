import { createGroupKitClient, type Membership, type Session } from '@groupkit/client';
import { createMockServer } from '@groupkit/mock-api/node';
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GroupGate } from '../GroupGate';
import { GroupKitProvider } from '../GroupKitProvider';
import { groupKitKeys } from '../queryKeys';
import { useGroupGate } from '../useGroupGate';
import { useGroupKit } from '../useGroupKit';
import { useIsMember } from '../useIsMember';

const BASE = 'https://hooks.groupkit.test';
const { server } = createMockServer({ baseUrl: BASE });
const requests: string[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push(new URL(request.url).pathname);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  requests.length = 0;
});
afterAll(() => server.close());

function Provider({
  userId,
  queryClient,
  initialData,
  children,
}: {
  userId: string;
  queryClient?: QueryClient;
  initialData?: Session;
  children: ReactNode;
}) {
  return (
    <GroupKitProvider
      apiKey="pk_test_groupkit"
      baseUrl={BASE}
      userId={userId}
      groupId="acme"
      queryClient={queryClient}
      initialData={initialData}
    >
      {children}
    </GroupKitProvider>
  );
}

function Answer({ group }: { group: string }) {
  const isMember = useIsMember(group);
  return <p data-testid={group}>{isMember === undefined ? 'loading' : String(isMember)}</p>;
}

/** Counts the commits of one component with React's Profiler. */
function Member({ group, renders = {} }: { group: string; renders?: Record<string, number> }) {
  const count = () => {
    renders[group] = (renders[group] ?? 0) + 1;
  };
  return (
    <Profiler id={group} onRender={count}>
      <Answer group={group} />
    </Profiler>
  );
}

describe('useIsMember and useGroupGate', () => {
  it('answers per group, by slug or id, undefined while loading', async () => {
    const renders: Record<string, number> = {};
    render(
      <Provider userId="u_ada">
        <Member group="pro" renders={renders} />
        <Member group="plus" renders={renders} />
      </Provider>,
    );
    expect(screen.getByTestId('pro')).toHaveTextContent('loading');
    await waitFor(() => expect(screen.getByTestId('pro')).toHaveTextContent('true'));
    expect(screen.getByTestId('plus')).toHaveTextContent('false');
  });

  it('re-renders only the components whose answer changed', async () => {
    const queryClient = new QueryClient();
    const renders: Record<string, number> = {};
    let providerChildRenders = 0;
    render(
      <Provider userId="u_ada" queryClient={queryClient}>
        <Profiler id="static" onRender={() => providerChildRenders++}>
          <p>static</p>
        </Profiler>
        <Member group="pro" renders={renders} />
        <Member group="newsletter" renders={renders} />
      </Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('newsletter')).toHaveTextContent('false'));
    const before: Record<string, number> = { ...renders, static: providerChildRenders };

    // The server now says Ada joined the newsletter (as a refetch or a mutation would).
    act(() => {
      queryClient.setQueryData<Membership[]>(
        groupKitKeys.memberships('u_ada'),
        (memberships) =>
          memberships && [
            ...memberships,
            {
              groupId: 'n',
              slug: 'newsletter',
              name: 'Product newsletter',
              joinedAt: '2026-11-23T12:00:00Z',
              source: 'self',
              attributes: {},
            },
          ],
      );
    });
    await waitFor(() => expect(screen.getByTestId('newsletter')).toHaveTextContent('true'));
    expect(renders.newsletter).toBe((before.newsletter ?? 0) + 1);
    expect(renders.pro).toBe(before.pro);
    expect(providerChildRenders).toBe(before.static);
  });

  it('gates content: Plus perks for Grace (plus, not pro), the fallback for Ada (pro)', async () => {
    const gate = (userId: string) => (
      <Provider userId={userId}>
        <GroupGate
          include={['plus']}
          exclude={['pro']}
          fallback={<p>Upgrade to Plus</p>}
          loading={<p>Checking…</p>}
        >
          <p>Plus perks</p>
        </GroupGate>
      </Provider>
    );
    const { unmount } = render(gate('u_grace'));
    expect(screen.getByText('Checking…')).toBeInTheDocument();
    expect(await screen.findByText('Plus perks')).toBeInTheDocument();
    unmount();
    render(gate('u_ada'));
    expect(await screen.findByText('Upgrade to Plus')).toBeInTheDocument();
    expect(screen.queryByText('Plus perks')).toBeNull();
  });

  it('useGroupGate treats an empty include as "anyone" and exclude as none-of', async () => {
    const { result } = renderHook(() => useGroupGate({ exclude: ['uk-users'] }), {
      wrapper: ({ children }) => <Provider userId="u_grace">{children}</Provider>,
    });
    await waitFor(() => expect(result.current).toBe(true));
  });
});

describe('provider lifecycle', () => {
  it('renders initialData at once, with no request and no refetch', async () => {
    const client = createGroupKitClient({ apiKey: 'pk_test_groupkit', baseUrl: BASE });
    const initialData = await client.getSession({ userId: 'u_grace', groupId: 'acme' });
    requests.length = 0;
    const renders: Record<string, number> = {};
    render(
      <Provider userId="u_grace" initialData={initialData} queryClient={new QueryClient()}>
        <Member group="plus" renders={renders} />
      </Provider>,
    );
    // First paint already has the answer.
    expect(screen.getByTestId('plus')).toHaveTextContent('true');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toEqual([]);
  });

  it('ignores initialData for another user and fetches the right one', async () => {
    const client = createGroupKitClient({ apiKey: 'pk_test_groupkit', baseUrl: BASE });
    const graceSession = await client.getSession({ userId: 'u_grace', groupId: 'acme' });
    requests.length = 0;
    render(
      <Provider userId="u_ada" initialData={graceSession}>
        <Member group="pro" />
      </Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('pro')).toHaveTextContent('true'));
    expect(requests).toEqual(['/v1/session']);
  });

  it("drops the previous user's cache when the user changes", async () => {
    const queryClient = new QueryClient();
    const ui = (userId: string) => (
      <Provider userId={userId} queryClient={queryClient}>
        <Member group="plus" />
      </Provider>
    );
    const { rerender } = render(ui('u_ada'));
    await waitFor(() => expect(screen.getByTestId('plus')).toHaveTextContent('false'));
    rerender(ui('u_grace'));
    await waitFor(() => expect(screen.getByTestId('plus')).toHaveTextContent('true'));
    expect(queryClient.getQueryData(groupKitKeys.session('u_ada', 'acme'))).toBeUndefined();
  });

  it('useGroupKit reports status and exposes the client', async () => {
    const { result } = renderHook(() => useGroupKit(), {
      wrapper: ({ children }) => <Provider userId="u_nobody">{children}</Provider>,
    });
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'user_not_found' });
    expect(result.current.client.baseUrl).toBe(BASE);
  });
});
