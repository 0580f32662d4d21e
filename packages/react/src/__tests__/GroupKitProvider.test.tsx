import { createMockServer } from '@groupkit/mock-api/node';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GroupKitProvider, type GroupKitProviderProps } from '../GroupKitProvider';
import { groupKitKeys } from '../queryKeys';
import { useGroup } from '../useGroup';
import { useMemberships } from '../useMemberships';

const BASE = 'https://api.groupkit.test';
const { server } = createMockServer({ baseUrl: BASE });
const requests: string[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push(`${request.method} ${new URL(request.url).pathname}`);
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

function wrapper(props: Partial<GroupKitProviderProps> = {}) {
  return ({ children }: { children: ReactNode }) => (
    <GroupKitProvider
      apiKey="pk_test_groupkit"
      baseUrl={BASE}
      userId="u_ada"
      groupId="acme"
      {...props}
    >
      {children}
    </GroupKitProvider>
  );
}

function Slugs({ label }: { label: string }) {
  const memberships = useMemberships();
  return (
    <p data-testid={label}>
      {memberships.status === 'ready'
        ? memberships.data.map((m) => m.slug).join(',')
        : memberships.status}
    </p>
  );
}

function AccountName() {
  const group = useGroup();
  return <h1>{group.status === 'ready' ? group.data?.name : group.status}</h1>;
}

describe('GroupKitProvider', () => {
  it('sends exactly one request however many hooks are mounted', async () => {
    const Wrapper = wrapper();
    render(
      <Wrapper>
        <AccountName />
        {['a', 'b', 'c', 'd'].map((label) => (
          <Slugs key={label} label={label} />
        ))}
      </Wrapper>,
    );
    expect(await screen.findByRole('heading', { name: 'Acme Co.' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('d')).toHaveTextContent('customer,pro,power-admins,uk-users'),
    );
    expect(requests).toEqual(['GET /v1/session']);
  });

  it('is loading, never ready-and-empty, until the first answer', async () => {
    const seen: string[] = [];
    const { result } = renderHook(
      () => {
        const m = useMemberships();
        seen.push(m.status === 'ready' ? `ready:${m.data.length}` : m.status);
        return m;
      },
      { wrapper: wrapper() },
    );
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(seen[0]).toBe('loading');
    expect(seen.filter((s) => s.startsWith('ready'))).not.toContain('ready:0');
  });

  it.each([
    ['enabled={false}', { enabled: false }],
    ['no userId', { userId: null }],
  ])('sends nothing with %s', async (_, props) => {
    const { result } = renderHook(() => useMemberships(), { wrapper: wrapper(props) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.status).toBe('loading');
    expect(requests).toEqual([]);
  });

  it('surfaces an API error as status "error" with the typed error', async () => {
    const { result } = renderHook(() => useMemberships(), {
      wrapper: wrapper({ userId: 'u_nobody' }),
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({
      name: 'GroupKitApiError',
      code: 'user_not_found',
      status: 404,
    });
  });

  it("keeps its cache out of the host app's QueryClient unless given one", async () => {
    const hostClient = new QueryClient();
    const { result } = renderHook(() => useMemberships(), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(hostClient.getQueryCache().getAll()).toHaveLength(0);

    const { result: shared } = renderHook(() => useMemberships(), {
      wrapper: wrapper({ queryClient: hostClient }),
    });
    await waitFor(() => expect(shared.current.status).toBe('ready'));
    expect(hostClient.getQueryData(groupKitKeys.session('u_ada', 'acme'))).toMatchObject({
      user: { id: 'u_ada' },
    });
  });

  it('loads the new user when userId changes', async () => {
    let userId = 'u_ada';
    const { result, rerender } = renderHook(() => useMemberships(), {
      wrapper: ({ children }) => wrapper({ userId })({ children }),
    });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    userId = 'u_grace';
    rerender();
    await waitFor(() =>
      expect(result.current.status === 'ready' && result.current.data.map((m) => m.slug)).toEqual([
        'customer',
        'plus',
      ]),
    );
  });

  it('tells you how to fix a hook used outside the provider', () => {
    expect(() => renderHook(() => useMemberships())).toThrowError(
      /useMemberships needs a <GroupKitProvider> above it in the tree/,
    );
  });

  it('reports server failures once the client has spent its retries, without crashing the tree', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/session`, () => {
        attempts++;
        return HttpResponse.json(
          { error: { code: 'internal_error', message: 'boom', details: {} } },
          { status: 500 },
        );
      }),
    );
    const Wrapper = wrapper();
    render(
      <Wrapper>
        <AccountName />
      </Wrapper>,
    );
    expect(
      await screen.findByRole('heading', { name: 'error' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(attempts).toBe(4); // the first try and 3 retries with backoff
  });

  it('rides out a transient 500: the user sees data, never an error', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/session`, () => {
        attempts++;
        if (attempts === 1) {
          return HttpResponse.json(
            { error: { code: 'internal_error', message: 'blip', details: {} } },
            { status: 500 },
          );
        }
        return undefined;
      }),
    );
    const Wrapper = wrapper();
    render(
      <Wrapper>
        <AccountName />
      </Wrapper>,
    );
    expect(
      await screen.findByRole('heading', { name: 'Acme Co.' }, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'error' })).toBeNull();
  });
});
