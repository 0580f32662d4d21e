import { GroupKitNetworkError } from '@groupkit/client';
import { cleanup, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStoryClient } from '../StoryProvider';

const session = { user: { id: 'u_ada' }, group: null, memberships: [], userGroups: [] };

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** `fetch` answering every request with a session, counting what reaches it. */
const answeringFetch = () =>
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(session));

describe('useStoryClient', () => {
  it('sends while its story is mounted, also after React development remount', async () => {
    const fetch = answeringFetch();
    const { result } = renderHook(() => useStoryClient(), { wrapper: StrictMode });
    await expect(result.current.getSession({ userId: 'u_ada' })).resolves.toMatchObject({
      user: { id: 'u_ada' },
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refuses once its story ended: nothing reaches fetch, the SDK sees a network error', async () => {
    const fetch = answeringFetch();
    const { result, unmount } = renderHook(() => useStoryClient());
    const client = result.current;
    unmount();
    const error = await client.getSession({ userId: 'u_ada' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GroupKitNetworkError);
    expect(fetch).not.toHaveBeenCalled();
  });
});
