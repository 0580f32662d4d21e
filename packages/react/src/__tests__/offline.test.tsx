import { createGroupKitClient } from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useChangeMemberships } from '../useChangeMemberships';
import { useGroupKit } from '../useGroupKit';
import { useGroupKitStore } from '../useGroupKitStore';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useLeaveGroup } from '../useLeaveGroup';
import {
  BASE,
  engineMemberships,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';
import { setOnline } from './support/network';

const api = setupMockApi();
const STORAGE_KEY = 'groupkit:acme:u_ada';

afterEach(() => setOnline(true));

function useToggles() {
  return {
    kit: useGroupKit(),
    online: useGroupKitStore((s) => s.online),
    pendingCount: useGroupKitStore((s) => s.pending.length),
    newsletter: useIsMember('newsletter'),
    community: useIsMember('community'),
    joinNewsletter: useJoinGroup('newsletter'),
    leaveNewsletter: useLeaveGroup('newsletter'),
    joinCommunity: useJoinGroup('community'),
  };
}

function renderToggles(props: TestProviderProps = {}) {
  // A fresh QueryClient per mount, as after a page reload.
  const queryClient = new QueryClient();
  return renderHook(useToggles, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <TestProvider queryClient={queryClient} {...props}>
        {children}
      </TestProvider>
    ),
  });
}

const posts = () => api.requests.filter((r) => r.startsWith('POST'));

describe('offline changes', () => {
  it('queues changes made offline in order, keeps them in storage, and replays them once online', async () => {
    const view = renderToggles();
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    setOnline(false);
    act(() => {
      void view.result.current.joinNewsletter.join();
      void view.result.current.joinCommunity.join();
      void view.result.current.leaveNewsletter.leave();
    });
    // Shown at once, nothing sent, and the UI can say it is waiting for the network.
    expect(view.result.current).toMatchObject({
      newsletter: false,
      community: true,
      pendingCount: 3,
    });
    await waitFor(() => expect(view.result.current.online).toBe(false));
    expect(posts()).toEqual([]);
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as {
      pending: { ops: { op: string; group: string }[] }[];
    };
    expect(
      stored.pending.map((c) => c.ops.map((o) => `${o.op === 'add' ? '+' : '-'}${o.group}`).join()),
    ).toEqual(['+newsletter', '+community', '-newsletter']);

    act(() => setOnline(true));
    await waitFor(() => expect(view.result.current.pendingCount).toBe(0));
    expect(posts()).toHaveLength(3);
    expect(view.result.current).toMatchObject({ newsletter: false, community: true, online: true });
    expect(engineMemberships(api.engine)).toContain('community');
    expect(engineMemberships(api.engine)).not.toContain('newsletter');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')).toMatchObject({ pending: [] });
  });

  it('survives a reload while offline: the next visit shows and sends the same changes', async () => {
    const first = renderToggles();
    await waitFor(() => expect(first.result.current.kit.status).toBe('ready'));
    setOnline(false);
    act(() => {
      void first.result.current.joinCommunity.join();
      void first.result.current.joinNewsletter.join();
    });
    first.unmount(); // the tab closes

    setOnline(true);
    const second = renderToggles();
    // Restored at once: shown as pending before the server confirms.
    expect(second.result.current.pendingCount).toBe(2);
    await waitFor(() => expect(second.result.current.pendingCount).toBe(0));
    expect(second.result.current).toMatchObject({ newsletter: true, community: true });
    expect(engineMemberships(api.engine)).toEqual(
      expect.arrayContaining(['community', 'newsletter']),
    );
    expect(posts()).toHaveLength(2);
  });

  it('a change cut off by a reload after the server applied it is replayed with its key: applied once', async () => {
    // The previous page sent Ada's -pro,+plus (two automations fire) and was closed before
    // the answer arrived: the server applied it, the change is still in storage.
    const client = createGroupKitClient({ apiKey: 'sk_test_groupkit', baseUrl: BASE });
    const key = '5f0c1c8e-3b1a-4c7e-9d2a-6b8e4f1a2c3d';
    await client.changeMemberships('u_ada', '-pro,+plus', { idempotencyKey: key });
    expect(api.engine.listAutomationRuns('u_ada')).toHaveLength(2);
    const op = (sign: 'add' | 'remove', slug: string) => ({
      op: sign,
      group: slug,
      groupId: slug,
      slug,
      name: slug,
      aliases: [slug],
    });
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        pending: [
          {
            id: key,
            at: new Date().toISOString(),
            kind: 'memberships',
            ops: [op('remove', 'pro'), op('add', 'plus')],
          },
        ],
        flows: {},
      }),
    );
    api.requests.length = 0;

    const view = renderHook(
      () => ({
        change: useChangeMemberships(),
        plus: useIsMember('plus'),
        pro: useIsMember('pro'),
      }),
      { wrapper: ({ children }) => <TestProvider client={client}>{children}</TestProvider> },
    );
    await waitFor(() => expect(view.result.current.change.isPending).toBe(false));
    expect(posts()).toHaveLength(1);
    expect(view.result.current).toMatchObject({ plus: true, pro: false });
    // The replay got the first answer back: nothing applied twice, no automation fired twice.
    expect(api.engine.listAutomationRuns('u_ada')).toHaveLength(2);
  });

  it('a write whose connection drops while offline waits and is sent again with the same key', async () => {
    let dropped = 0;
    const keys: (string | null)[] = [];
    api.server.use(
      http.post(`${BASE}/v1/users/u_ada/membership-changes`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (dropped > 0) return undefined;
        dropped++;
        setOnline(false); // the connection goes away with this request
        return HttpResponse.error();
      }),
    );
    const view = renderToggles({
      client: createGroupKitClient({
        apiKey: 'pk_test_groupkit',
        baseUrl: BASE,
        retry: { retries: 0 },
      }),
    });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    act(() => void view.result.current.joinCommunity.join());
    await waitFor(() => expect(view.result.current.online).toBe(false));
    expect(view.result.current.community).toBe(true);
    act(() => setOnline(true));
    await waitFor(() => expect(view.result.current.pendingCount).toBe(0));
    expect(view.result.current.community).toBe(true);
    expect(view.result.current.joinCommunity.error).toBeNull();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(engineMemberships(api.engine)).toContain('community');
  });
});
