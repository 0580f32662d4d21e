import { createGroupKitClient, type Session } from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { act, render, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useGroupKit } from '../useGroupKit';
import { useGroupKitStore } from '../useGroupKitStore';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useLeaveGroup } from '../useLeaveGroup';
import { BASE, engineMemberships, setupMockApi, TestProvider } from './support/mockApi';
import { setOnline } from './support/network';

const api = setupMockApi();

afterEach(() => setOnline(true));

/**
 * A page with write hooks, on a fresh QueryClient (as after a reload); with `initialData`,
 * ready on its first render (a server-rendered page), so the user can act at once.
 */
function renderWritingPage(initialData?: Session) {
  const queryClient = new QueryClient();
  return renderHook(
    () => ({
      kit: useGroupKit(),
      pending: useGroupKitStore((s) => s.pending.length),
      community: useIsMember('community'),
      join: useJoinGroup('community'),
      leave: useLeaveGroup('community'),
    }),
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestProvider queryClient={queryClient} initialData={initialData}>
          {children}
        </TestProvider>
      ),
    },
  );
}

/** Joins the community offline, then closes the tab: the change waits in storage. */
async function queueJoinAndClose() {
  const page = renderWritingPage();
  await waitFor(() => expect(page.result.current.kit.status).toBe('ready'));
  setOnline(false);
  act(() => void page.result.current.join.join());
  await waitFor(() => expect(page.result.current.pending).toBe(1));
  page.unmount();
  setOnline(true);
  api.requests.length = 0;
}

const changeBodies = () =>
  api.requests.filter((r) => r === 'POST /v1/users/u_ada/membership-changes').length;

describe('the change queue, owned by the provider’s store', () => {
  it('sends what an earlier page queued from a page with no write hook at all', async () => {
    await queueJoinAndClose();
    // A fresh module graph holding only the provider and a read hook: no write hook's module
    // has ever been loaded, as on a route of the app that only shows memberships.
    vi.resetModules();
    const { GroupKitProvider } = await import('../GroupKitProvider');
    const { useIsMember: useIsMemberFresh } = await import('../useIsMember');
    let shown: boolean | undefined;
    function Badge() {
      shown = useIsMemberFresh('community');
      return null;
    }
    render(
      <GroupKitProvider apiKey="pk_test_groupkit" baseUrl={BASE} userId="u_ada" groupId="acme">
        <Badge />
      </GroupKitProvider>,
    );
    await waitFor(() => expect(engineMemberships(api.engine)).toContain('community'));
    await waitFor(() => expect(localStorage.getItem('groupkit:acme:u_ada')).not.toMatch(/"ops"/));
    expect(changeBodies()).toBe(1);
    expect(shown).toBe(true);
  });

  it('keeps a restored change ahead of one the user makes before the restore has run', async () => {
    await queueJoinAndClose();
    const posted: string[] = [];
    api.server.events.on('request:start', ({ request }) => {
      if (request.method !== 'POST') return;
      void request
        .clone()
        .json()
        .then((body: { changes: unknown }) => posted.push(JSON.stringify(body.changes)));
    });
    const session = await createGroupKitClient({
      apiKey: 'pk_test_groupkit',
      baseUrl: BASE,
    }).getSession({ userId: 'u_ada', groupId: 'acme' });
    const page = renderWritingPage(session);
    // The restored join is shown, and the user leaves at once: before the provider's restore
    // (a lazily loaded module) has scheduled the join.
    expect(page.result.current.community).toBe(true);
    act(() => void page.result.current.leave.leave());
    expect(page.result.current.community).toBe(false);
    await waitFor(() => expect(page.result.current.pending).toBe(0));
    // Sent in the order made: joined on the earlier page, left on this one.
    expect(changeBodies()).toBe(2);
    expect(posted.map((body) => (body.includes('"add"') ? 'join' : 'leave'))).toEqual([
      'join',
      'leave',
    ]);
    expect(engineMemberships(api.engine)).not.toContain('community');
    expect(page.result.current.community).toBe(false);
  });
});
