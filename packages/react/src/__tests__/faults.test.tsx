import {
  createGroupKitClient,
  type GroupKitClient,
  isGroupKitApiError,
  isGroupKitNetworkError,
} from '@groupkit/client';
import { createHandlers } from '@groupkit/mock-api';
import { act, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { GroupKitOutcome } from '../changeRunner';
import { useChangeMemberships } from '../useChangeMemberships';
import { useGroupKit } from '../useGroupKit';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useMemberships } from '../useMemberships';
import { useRedeemCode } from '../useRedeemCode';
import { useUserGroups } from '../useUserGroups';
import { holdAnswers, loseAnswers, scriptedRandom } from './support/faults';
import { BASE, engineMemberships, setupMockApi, TestProvider } from './support/mockApi';

const api = setupMockApi();
const CHANGES = '/users/u_ada/membership-changes';
const REDEEM = '/users/u_ada/redeem-code';

/**
 * A client with the default retry policy whose backoff is recorded and kept short, so a test
 * sees "retrying" without waiting out a real `Retry-After`.
 */
function quickClient(apiKey = 'pk_test_groupkit') {
  const delays: number[] = [];
  const client = createGroupKitClient({
    apiKey,
    baseUrl: BASE,
    retry: {
      sleep: async (ms) => {
        delays.push(ms);
        await new Promise((resolve) => setTimeout(resolve, 10));
      },
    },
  });
  return { client, delays };
}

function wrapperFor(client: GroupKitClient, onError?: () => void) {
  return ({ children }: { children: ReactNode }) => (
    <TestProvider client={client} onError={onError}>
      {children}
    </TestProvider>
  );
}

/** Serves the mock's own injected faults (`faults`), decided in order by `script`. */
function injectFaults(script: number[]) {
  api.server.resetHandlers(
    ...createHandlers(api.engine, {
      baseUrl: BASE,
      faults: { networkError: 0.5, rateLimit: 0.5, serverError: 0.5 },
      // Each request draws for a dropped connection, then 429, then 500: below 0.5 strikes.
      random: scriptedRandom(script),
    }),
  );
}

const sessionRequests = () => api.requests.filter((r) => r === 'GET /v1/session');
const posts = (path: string) => api.requests.filter((r) => r === `POST /v1${path}`);
/** Consecutive duplicates dropped: the states a user could see, in order. */
const phases = (seen: string[]) => seen.filter((s, i) => s !== seen[i - 1]);

function renderKit(client: GroupKitClient, onError?: () => void) {
  const seen: string[] = [];
  const view = renderHook(
    () => {
      const kit = useGroupKit();
      seen.push(`${kit.status}${kit.isRetrying ? '+retrying' : ''}`);
      return { kit, memberships: useMemberships() };
    },
    { wrapper: wrapperFor(client, onError) },
  );
  return { view, seen };
}

describe('reads ride out faults', () => {
  it('the first load survives a 500, a dropped connection and a 429: retrying, then ready, never error', async () => {
    // 1st attempt: 500; 2nd: dropped; 3rd: 429 with Retry-After: 1; 4th: through.
    injectFaults([0.9, 0.9, 0.1, 0.1, 0.9, 0.1]);
    const { client, delays } = quickClient();
    const onError = vi.fn();
    const { view, seen } = renderKit(client, onError);

    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(phases(seen)[0]).toBe('loading');
    expect(seen).toContain('loading+retrying');
    expect(seen).not.toContain('error');
    expect(phases(seen).at(-1)).toBe('ready');
    expect(view.result.current.kit.isRetrying).toBe(false);
    expect(view.result.current.memberships.data?.map((m) => m.slug)).toContain('pro');
    expect(sessionRequests()).toHaveLength(4);
    // The 429's Retry-After was honoured (at least a second), the other waits were jittered.
    expect(delays).toHaveLength(3);
    expect(delays[2]).toBeGreaterThanOrEqual(1000);
    expect(onError).not.toHaveBeenCalled();
  });

  it('shows error once the retries are spent, and refetch() recovers', async () => {
    // Four 500s: the first attempt and the client's three retries.
    api.server.resetHandlers(
      ...createHandlers(api.engine, {
        baseUrl: BASE,
        faults: { serverError: 0.5 },
        random: scriptedRandom([0.1, 0.1, 0.1, 0.1]),
      }),
    );
    const { client } = quickClient();
    const onError = vi.fn();
    const { view, seen } = renderKit(client, onError);

    await waitFor(() => expect(view.result.current.kit.status).toBe('error'));
    // "Retrying" for as long as retries were left, and only then the error.
    expect(seen.indexOf('loading+retrying')).toBeGreaterThan(-1);
    expect(seen.indexOf('loading+retrying')).toBeLessThan(seen.indexOf('error'));
    const { error } = view.result.current.kit;
    expect(isGroupKitApiError(error) && error.code).toBe('internal_error');
    expect(view.result.current.kit.isRetrying).toBe(false);
    expect(sessionRequests()).toHaveLength(4);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[1]).toEqual({ action: 'load' });

    await act(() => view.result.current.kit.refetch());
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(view.result.current.kit.error).toBeNull();
    expect(view.result.current.memberships.data?.map((m) => m.slug)).toContain('pro');
    expect(sessionRequests()).toHaveLength(5);
  });
});

describe('a membership change whose answer is lost', () => {
  it('is retried with the same Idempotency-Key and applied once', async () => {
    const lost = loseAnswers(api.server, api.engine, BASE, 'post', CHANGES);
    const { client } = quickClient();
    const view = renderHook(
      () => ({
        join: useJoinGroup('newsletter'),
        member: useIsMember('newsletter'),
        groups: useUserGroups(),
      }),
      { wrapper: wrapperFor(client) },
    );
    await waitFor(() => expect(view.result.current.groups.status).toBe('ready'));
    const count = () =>
      view.result.current.groups.data?.find((g) => g.slug === 'newsletter')?.memberCount;
    const before = count() ?? 0;

    let outcome: GroupKitOutcome<unknown> | undefined;
    await act(async () => {
      outcome = await view.result.current.join.join();
    });
    expect(outcome?.ok).toBe(true);
    // Applied by the first attempt, whose answer never arrived; the retry got the stored answer.
    expect(lost.seen.map(({ status, replayed }) => ({ status, replayed }))).toEqual([
      { status: 200, replayed: false },
      { status: 200, replayed: true },
    ]);
    expect(lost.seen[0]?.key).toBeTruthy();
    expect(lost.seen[1]?.key).toBe(lost.seen[0]?.key);
    expect(engineMemberships(api.engine).filter((slug) => slug === 'newsletter')).toHaveLength(1);
    expect(view.result.current.member).toBe(true);
    expect(view.result.current.join.error).toBeNull();
    // Counted once, on screen and on the server.
    expect(count()).toBe(before + 1);
    expect(api.engine.getUserGroup('newsletter').memberCount).toBe(before + 1);
  });

  it("Ada's -pro,+plus fires each automation once (secret-key client)", async () => {
    const lost = loseAnswers(api.server, api.engine, BASE, 'post', CHANGES);
    const { client } = quickClient('sk_test_groupkit');
    const view = renderHook(
      () => ({
        change: useChangeMemberships(),
        plus: useIsMember('plus'),
        pro: useIsMember('pro'),
      }),
      { wrapper: wrapperFor(client) },
    );
    await waitFor(() => expect(view.result.current.pro).toBe(true));

    let fired: string[] | undefined;
    await act(async () => {
      const outcome = await view.result.current.change.apply('-pro,+plus');
      fired = outcome.data?.automations.map((a) => a.name);
    });
    expect(lost.seen).toHaveLength(2);
    expect(lost.seen[1]).toMatchObject({ key: lost.seen[0]?.key, replayed: true });
    // The replayed answer reports what the first attempt fired; nothing fired twice.
    expect(fired).toEqual(['Pro cancellation survey', 'Welcome to Plus']);
    expect(api.engine.listAutomationRuns('u_ada').map((r) => r.name)).toEqual([
      'Pro cancellation survey',
      'Welcome to Plus',
    ]);
    expect(engineMemberships(api.engine)).toContain('plus');
    expect(engineMemberships(api.engine)).not.toContain('pro');
    expect(view.result.current).toMatchObject({ plus: true, pro: false });
  });

  it('out of retries, it fails as a network error, yet the SDK reloads and shows what the server did', async () => {
    // Every attempt is applied or replayed, and every answer lost: the first try and 3 retries.
    const lost = loseAnswers(api.server, api.engine, BASE, 'post', CHANGES, 4);
    const { client } = quickClient();
    const view = renderHook(
      () => ({ join: useJoinGroup('community'), member: useIsMember('community') }),
      { wrapper: wrapperFor(client) },
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));

    await act(async () => {
      const outcome = await view.result.current.join.join();
      expect(isGroupKitNetworkError(outcome.error)).toBe(true);
    });
    expect(lost.seen).toHaveLength(4);
    expect(new Set(lost.seen.map((s) => s.key)).size).toBe(1);
    expect(lost.seen.filter((s) => !s.replayed)).toHaveLength(1);
    // No answer is no verdict: the SDK reloads instead of keeping the rollback on screen.
    await waitFor(() => expect(view.result.current.member).toBe(true));
    expect(api.requests).toContain('GET /v1/users/u_ada/memberships');
    expect(engineMemberships(api.engine)).toContain('community');
    // The failure stays reported, so the UI can say it could not confirm the change.
    expect(isGroupKitNetworkError(view.result.current.join.error)).toBe(true);
  });
});

describe('a membership change while the server is stopping or its database is down (503)', () => {
  it("is held past the client's retries and sent again, applied once, with nothing reported", async () => {
    // Eight 503s: two rounds of the client's four attempts (first try and 3 retries); the
    // server asks to come back at once (Retry-After: 0), so the test waits on no timer.
    let refusals = 8;
    const keys: (string | null)[] = [];
    api.server.use(
      http.post(`${BASE}/v1${CHANGES}`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (refusals-- <= 0) return undefined;
        return HttpResponse.json(
          { error: { code: 'database_unavailable', message: 'Stopping.', details: {} } },
          { status: 503, headers: { 'retry-after': '0' } },
        );
      }),
    );
    const { client } = quickClient();
    const onError = vi.fn();
    const seen: string[] = [];
    const view = renderHook(
      () => {
        const join = useJoinGroup('community');
        const member = useIsMember('community');
        seen.push(member ? 'in' : 'out');
        return { join, member };
      },
      { wrapper: wrapperFor(client, onError) },
    );
    await waitFor(() => expect(view.result.current.member).toBe(false));

    let outcome: GroupKitOutcome<unknown> | undefined;
    await act(async () => {
      outcome = await view.result.current.join.join();
    });
    expect(outcome?.ok).toBe(true);
    expect(keys).toHaveLength(9);
    expect(new Set(keys).size).toBe(1);
    expect(engineMemberships(api.engine).filter((slug) => slug === 'community')).toHaveLength(1);
    expect(view.result.current.member).toBe(true);
    expect(view.result.current.join.error).toBeNull();
    expect(onError).not.toHaveBeenCalled();
    // Shown as joined from the click on, never rolled back while held.
    expect(phases(seen)).toEqual(['out', 'in']);
  });
});

describe('a code redemption whose answer is lost', () => {
  /*
   * Redeeming is not idempotent (a wrong code counts towards the lockout, a single-use code is
   * spent), so the client never retries it: the user sees a network error although the server
   * may have let them in. What the UI should do: say the code could not be confirmed (not that
   * it is wrong), not send it again by itself, and show the server's truth — the SDK reloads
   * the user's memberships and directory once nothing is queued, and `useGroupKit().refetch()`
   * does the same on demand (a "Check again" button).
   */
  it('is not retried, reports a network error, and the reload shows the membership', async () => {
    const lost = loseAnswers(api.server, api.engine, BASE, 'post', REDEEM);
    const { client } = quickClient();
    const onError = vi.fn();
    const view = renderHook(
      () => ({
        code: useRedeemCode(),
        beta: useIsMember('beta'),
        groups: useUserGroups(),
        kit: useGroupKit(),
      }),
      { wrapper: wrapperFor(client, onError) },
    );
    await waitFor(() => expect(view.result.current.groups.status).toBe('ready'));
    const count = () =>
      view.result.current.groups.data?.find((g) => g.slug === 'beta')?.memberCount;
    expect(count()).toBe(0);
    api.requests.length = 0;

    await act(async () => {
      const outcome = await view.result.current.code.redeem('BETA-2026');
      expect(outcome.ok).toBe(false);
    });
    expect(view.result.current.code.status).toBe('error');
    expect(isGroupKitNetworkError(view.result.current.code.error)).toBe(true);
    expect(onError).toHaveBeenCalledWith(view.result.current.code.error, { action: 'redeem' });
    // Sent once: never retried.
    expect(posts(REDEEM)).toHaveLength(1);
    expect(lost.seen).toEqual([{ key: null, status: 200, replayed: false }]);
    // The server let Ada in.
    expect(engineMemberships(api.engine)).toContain('beta');

    await waitFor(() => expect(view.result.current.beta).toBe(true));
    expect(count()).toBe(1);
    await act(() => view.result.current.kit.refetch());
    expect(view.result.current.beta).toBe(true);
    expect(count()).toBe(1);
    expect(posts(REDEEM)).toHaveLength(1);
    expect(api.engine.getUserGroup('beta').memberCount).toBe(1);
  });
});

describe('a read racing a change', () => {
  function renderDirectory() {
    const view = renderHook(
      () => ({ join: useJoinGroup('newsletter'), groups: useUserGroups(), kit: useGroupKit() }),
      { wrapper: ({ children }) => <TestProvider>{children}</TestProvider> },
    );
    const count = () =>
      view.result.current.groups.data?.find((g) => g.slug === 'newsletter')?.memberCount;
    return { view, count };
  }

  it('that already saw the change, answering before it, does not count the member twice', async () => {
    const { view, count } = renderDirectory();
    await waitFor(() => expect(view.result.current.groups.status).toBe('ready'));
    const before = count() ?? 0;
    const slowWrite = holdAnswers(api.server, api.engine, BASE, 'post', CHANGES);
    act(() => void view.result.current.join.join());
    await waitFor(() => expect(slowWrite.held).toBe(1));
    // The server has the join; a refetch reads it and answers while the join's answer is out.
    await act(() => view.result.current.kit.refetch());
    act(() => slowWrite.release());
    await waitFor(() => expect(view.result.current.kit.isSaving).toBe(false));
    expect(count()).toBe(before + 1);
    expect(api.engine.getUserGroup('newsletter').memberCount).toBe(before + 1);
  });

  it('that missed the change, answering after it, does not undo the count', async () => {
    const { view, count } = renderDirectory();
    await waitFor(() => expect(view.result.current.groups.status).toBe('ready'));
    const before = count() ?? 0;
    const slowRead = holdAnswers(api.server, api.engine, BASE, 'get', '/session');
    let refetched: Promise<void> = Promise.resolve();
    act(() => {
      refetched = view.result.current.kit.refetch();
    });
    await waitFor(() => expect(slowRead.held).toBe(1));
    await act(async () => {
      await view.result.current.join.join();
    });
    expect(count()).toBe(before + 1);
    await act(async () => {
      slowRead.release();
      await refetched;
    });
    expect(count()).toBe(before + 1);
  });
});
