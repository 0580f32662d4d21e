import { GroupKitChangeError } from '@groupkit/client';
import { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGroupKitStore, type GroupKitStorage, type PendingChange } from '../store';
import { useFlow } from '../useFlow';
import { useFlowProgress } from '../useFlowProgress';
import { useGroupKit } from '../useGroupKit';
import { useGroupKitStore } from '../useGroupKitStore';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { publishFlow } from './support/flows';
import {
  engineMemberships,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';
import { setOnline } from './support/network';

// What a store keeps in storage carries a format version. An entry an older SDK wrote (no
// version) is migrated; one a newer SDK wrote is not read; one that is corrupt or hand-edited
// neither crashes the app nor sends anything it should not.

const api = setupMockApi();
const KEY = 'groupkit:acme:u_ada';
const at = '2026-11-30T10:00:00.000Z';

/** A membership change as the SDK queues it (and as every version so far saved it). */
const joinChange = (group: string, id = '0b9a7c1e-1f2a-4c3d-8e4f-5a6b7c8d9e0f') => ({
  id,
  at,
  kind: 'memberships',
  ops: [{ op: 'add', group, groupId: group, slug: group, name: group }],
});

afterEach(() => setOnline(true));

const stored = () => JSON.parse(localStorage.getItem(KEY) ?? 'null') as Record<string, unknown>;
const posts = () => api.requests.filter((r) => r.startsWith('POST'));
const writes = () => api.requests.filter((r) => !r.startsWith('GET'));

/** A page as after a reload (fresh QueryClient) that reads, writes and shows flow progress. */
function renderPage(props: TestProviderProps = {}) {
  const queryClient = new QueryClient();
  return renderHook(
    () => ({
      kit: useGroupKit(),
      pending: useGroupKitStore((s) => s.pending.length),
      community: useIsMember('community'),
      join: useJoinGroup('community'),
      tour: useFlowProgress('tour'),
    }),
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestProvider queryClient={queryClient} {...props}>
          {children}
        </TestProvider>
      ),
    },
  );
}

/** A `Storage` of its own for a store made without a provider. */
function memoryStorage(entries: Record<string, string> = {}): GroupKitStorage {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe('the stored format (createGroupKitStore)', () => {
  it('saves { version: 1, pending, flows }, and a store made from it restores the same', () => {
    const storage = memoryStorage();
    const first = createGroupKitStore({ storageKey: KEY, storage });
    const change = joinChange('community') as PendingChange;
    const preview = { ...joinChange('plus', 'p'), kind: 'preview' } as PendingChange;
    const flows = { tour: { step: 2, stepId: 'code', status: 'active', seen: ['a', 'b'] } };
    first.setState({ pending: [change, preview], flows: flows as never });
    // Previews are never replayed after a reload, so never saved.
    expect(JSON.parse(storage.getItem(KEY) ?? '')).toEqual({
      version: 1,
      pending: [change],
      flows,
    });
    const second = createGroupKitStore({ storageKey: KEY, storage });
    expect(second.getState()).toMatchObject({ pending: [change], flows });
  });

  it('migrates an entry from before versions (no version): the same shape, read as is', () => {
    const change = joinChange('community') as PendingChange;
    const flows = { tour: { step: 1, status: 'completed', seen: ['a'] } };
    const storage = memoryStorage({ [KEY]: JSON.stringify({ pending: [change], flows }) });
    const store = createGroupKitStore({ storageKey: KEY, storage });
    expect(store.getState()).toMatchObject({ pending: [change], flows });
    // Saved as version 1 at the next save.
    store.setState({ pending: [] });
    expect(JSON.parse(storage.getItem(KEY) ?? '')).toEqual({ version: 1, pending: [], flows });
  });

  it('does not read a later version, and overwrites it only at its next save', () => {
    const later = JSON.stringify({
      version: 2,
      pending: [joinChange('community')],
      flows: { tour: { step: 3, status: 'active', seen: [] } },
    });
    const storage = memoryStorage({ [KEY]: later });
    const store = createGroupKitStore({ storageKey: KEY, storage });
    expect(store.getState()).toMatchObject({ pending: [], flows: {} });
    store.setState({ online: false });
    expect(storage.getItem(KEY)).toBe(later);
    store.setState({ flows: { tour: { step: 0, status: 'active', seen: [] } } });
    expect(JSON.parse(storage.getItem(KEY) ?? '')).toMatchObject({ version: 1, pending: [] });
  });

  it.each([
    ['not JSON', '{"pending": ['],
    ['null', 'null'],
    ['a number', '5'],
    ['pending not an array', JSON.stringify({ pending: { 0: joinChange('community') } })],
    ['a change that is not an object', JSON.stringify({ pending: [42] })],
    ['a change that is null', JSON.stringify({ pending: [null] })],
    ['a membership change without ops', JSON.stringify({ pending: [{ kind: 'memberships' }] })],
    ['ops that are not a list', JSON.stringify({ pending: [{ kind: 'memberships', ops: 'x' }] })],
    ['an op that is null', JSON.stringify({ pending: [{ kind: 'memberships', ops: [null] }] })],
    ['ops on another change', JSON.stringify({ pending: [{ kind: 'identify', ops: {} }] })],
  ])('starts clean from an entry with %s, without throwing', (_, entry) => {
    const storage = memoryStorage({ [KEY]: entry });
    const store = createGroupKitStore({ storageKey: KEY, storage });
    expect(store.getState()).toMatchObject({ pending: [], flows: {} });
  });

  it('runs without persistence where storage cannot be reached', () => {
    const storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: vi.fn(),
      removeItem: vi.fn(),
    };
    const store = createGroupKitStore({ storageKey: KEY, storage });
    expect(store.getState().pending).toEqual([]);
  });
});

describe('a provider restoring what an earlier page stored', () => {
  it('shows and sends an entry from before versions exactly once, then saves version 1', async () => {
    localStorage.setItem(KEY, JSON.stringify({ pending: [joinChange('community')], flows: {} }));
    const view = renderPage();
    // Restored at once: shown as pending before the server confirms.
    expect(view.result.current.pending).toBe(1);
    await waitFor(() => expect(view.result.current.pending).toBe(0));
    expect(view.result.current.community).toBe(true);
    expect(posts()).toEqual(['POST /v1/users/u_ada/membership-changes']);
    expect(engineMemberships(api.engine)).toContain('community');
    expect(stored()).toEqual({ version: 1, pending: [], flows: {} });
  });

  it('round-trips a version 1 entry: a change cut off by a reload, and flow progress', async () => {
    // The previous page: offline, the user joined and moved on in a flow, then closed the tab.
    const first = renderPage({ persist: true });
    await waitFor(() => expect(first.result.current.kit.status).toBe('ready'));
    setOnline(false);
    act(() => void first.result.current.join.join());
    act(() => first.result.current.tour.goTo(1, 'hello', 'pick'));
    first.unmount();
    setOnline(true);
    expect(stored()).toMatchObject({
      version: 1,
      pending: [{ kind: 'memberships', ops: [expect.objectContaining({ group: 'community' })] }],
      flows: { tour: { step: 1, stepId: 'pick', status: 'active', seen: ['hello'] } },
    });
    expect(posts()).toEqual([]);

    const second = renderPage();
    expect(second.result.current.tour).toMatchObject({ step: 1, stepId: 'pick' });
    await waitFor(() => expect(second.result.current.pending).toBe(0));
    expect(posts()).toHaveLength(1);
    expect(second.result.current.community).toBe(true);
    expect(stored()).toMatchObject({ version: 1, pending: [] });
  });

  it.each([
    ['pending that is not an array', { pending: { 0: joinChange('community') } }],
    ['a change that is not an object', { pending: [42, joinChange('community')] }],
    ['a later version', { version: 2, pending: [joinChange('community')] }],
  ])('starts clean from an entry with %s: nothing shown, nothing sent', async (_, entry) => {
    localStorage.setItem(KEY, JSON.stringify(entry));
    const onError = vi.fn();
    const view = renderPage({ onError });
    expect(view.result.current.pending).toBe(0);
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(view.result.current.community).toBe(false);
    expect(writes()).toEqual([]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('refuses, without sending it, a restored change with an op that names no group', async () => {
    const { group: _, ...op } = joinChange('community').ops[0] as Record<string, string>;
    localStorage.setItem(
      KEY,
      JSON.stringify({ pending: [{ ...joinChange('community'), ops: [op] }], flows: {} }),
    );
    const onError = vi.fn();
    const view = renderPage({ onError });
    await waitFor(() => expect(onError).toHaveBeenCalledOnce());
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(GroupKitChangeError);
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ action: 'change' });
    await waitFor(() => expect(view.result.current.pending).toBe(0));
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(view.result.current.community).toBe(false);
    expect(writes()).toEqual([]);
    expect(engineMemberships(api.engine)).not.toContain('community');
    expect(stored()).toMatchObject({ version: 1, pending: [] });
  });

  it('shows a flow record with a step that is not a number without crashing, and a move fixes it', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ pending: [], flows: { tour: { step: 'two', status: 'active', seen: [] } } }),
    );
    const view = renderPage();
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(writes()).toEqual([]);
    act(() => view.result.current.tour.goTo(1, 'hello'));
    expect(view.result.current.tour).toMatchObject({ step: 1, seen: ['hello'] });
    expect(stored()).toMatchObject({ flows: { tour: { step: 1, seen: ['hello'] } } });
  });

  it('starts a flow over whose record has no list of seen steps', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ pending: [], flows: { tour: { step: 4, status: 'active' } } }),
    );
    const view = renderPage();
    expect(view.result.current.tour).toMatchObject({ step: 0, status: 'active', seen: [] });
    act(() => view.result.current.tour.goTo(1, 'hello'));
    expect(view.result.current.tour).toMatchObject({ step: 1, seen: ['hello'] });
  });

  it('neither shows nor sends a restored flow write whose progress is not a whole record', async () => {
    publishFlow(api.engine);
    const malformed = {
      id: 'f1',
      at,
      kind: 'flow',
      flowId: 'welcome',
      progress: { version: 1, status: 'in_progress', step: 3 },
    };
    localStorage.setItem(KEY, JSON.stringify({ pending: [malformed], flows: {} }));
    const onError = vi.fn();
    const view = renderHook(
      () => ({ flow: useFlow('welcome'), pending: useGroupKitStore((s) => s.pending.length) }),
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <TestProvider onError={onError}>{children}</TestProvider>
        ),
      },
    );
    await waitFor(() => expect(view.result.current.flow.status).toBe('not_started'));
    expect(view.result.current.flow.step).toBe('hello');
    await waitFor(() => expect(view.result.current.pending).toBe(0));
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(GroupKitChangeError);
    expect(onError.mock.calls[0]?.[1]).toEqual({ action: 'flow' });
    expect(writes()).toEqual([]);
    expect(api.engine.getUserFlow('u_ada', 'welcome').progress.status).toBe('not_started');
  });
});
