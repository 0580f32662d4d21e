import { GroupKitApiError, isGroupKitApiError } from '@groupkit/client';
import { act, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useGroup } from '../useGroup';
import { useIsMember } from '../useIsMember';
import { useRedeemCode } from '../useRedeemCode';
import {
  BASE,
  engineMemberships,
  holdRequests,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';

const api = setupMockApi();

function wrapperFor(props: TestProviderProps = {}) {
  return ({ children }: { children: ReactNode }) => (
    <TestProvider {...props}>{children}</TestProvider>
  );
}

function renderRedeem(props: TestProviderProps = {}) {
  return renderHook(() => ({ code: useRedeemCode(), beta: useIsMember('beta') }), {
    wrapper: wrapperFor(props),
  });
}

const codeOf = (error: Error | null) => (isGroupKitApiError(error) ? error.code : null);

describe('useRedeemCode', () => {
  it('joins the code group: pending, then success naming the group, membership shown', async () => {
    const hold = holdRequests(api.server, 'post', '/users/u_ada/redeem-code');
    const view = renderRedeem();
    await waitFor(() => expect(view.result.current.beta).toBe(false));
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = view.result.current.code.redeem('  beta-2026 ');
    });
    expect(view.result.current.code.status).toBe('pending');
    await waitFor(() => expect(hold.held).toBe(1));
    hold.release(true);
    await act(async () => {
      await done;
    });
    expect(view.result.current.code.status).toBe('success');
    expect(view.result.current.code.data?.group.name).toBe('Beta testers');
    expect(view.result.current.beta).toBe(true);
    expect(engineMemberships(api.engine)).toContain('beta');
  });

  it.each([
    ['NOPE-0000', 'code_invalid'],
    ['EARLY-2025', 'code_expired'],
    ['!!', 'code_malformed'],
  ])('%s fails with the typed error %s and joins nothing', async (code, expected) => {
    const onError = vi.fn();
    const view = renderRedeem({ onError });
    await waitFor(() => expect(view.result.current.beta).toBe(false));
    await act(async () => {
      const outcome = await view.result.current.code.redeem(code);
      expect(outcome.ok).toBe(false);
    });
    expect(view.result.current.code.status).toBe('error');
    expect(codeOf(view.result.current.code.error)).toBe(expected);
    expect(onError).toHaveBeenCalledWith(view.result.current.code.error, { action: 'redeem' });
    expect(engineMemberships(api.engine)).toEqual(['customer', 'pro', 'power-admins', 'uk-users']);
  });

  it('a single-use code redeemed by Grace is "already used" for Alan', async () => {
    const grace = renderRedeem({ userId: 'u_grace' });
    await act(async () => {
      expect((await grace.result.current.code.redeem('VIP-0001')).ok).toBe(true);
    });
    grace.unmount();
    const alan = renderRedeem({ userId: 'u_alan' });
    await act(async () => {
      await alan.result.current.code.redeem('VIP-0001');
    });
    expect(codeOf(alan.result.current.code.error)).toBe('code_already_used');
  });

  it('locks after repeated failures: retryAt for a countdown, and no request while locked', async () => {
    const view = renderRedeem();
    await waitFor(() => expect(view.result.current.beta).toBe(false));
    let attempts = 0;
    while (codeOf(view.result.current.code.error) !== 'too_many_attempts' && attempts < 10) {
      attempts++;
      await act(async () => {
        await view.result.current.code.redeem(`WRONG-${attempts}`);
      });
    }
    expect(codeOf(view.result.current.code.error)).toBe('too_many_attempts');
    expect(attempts).toBeLessThanOrEqual(6);
    const retryAt = view.result.current.code.retryAt;
    expect(retryAt).toBeInstanceOf(Date);
    expect(retryAt?.getTime()).toBeGreaterThan(Date.now() + 60_000);

    const sent = api.requests.length;
    await act(async () => {
      const outcome = await view.result.current.code.redeem('BETA-2026');
      expect(outcome.error).toBeInstanceOf(GroupKitApiError);
      expect((outcome.error as GroupKitApiError).retryAt?.getTime()).toBeGreaterThan(Date.now());
    });
    expect(api.requests.length).toBe(sent);
    expect(codeOf(view.result.current.code.error)).toBe('too_many_attempts');
  });

  it('unlocks by itself when Retry-After has passed', async () => {
    let lockedOnce = false;
    api.server.use(
      http.post(`${BASE}/v1/users/u_ada/redeem-code`, () => {
        if (lockedOnce) return undefined;
        lockedOnce = true;
        return HttpResponse.json(
          { error: { code: 'too_many_attempts', message: 'Wait a second.', details: {} } },
          { status: 429, headers: { 'Retry-After': '1' } },
        );
      }),
    );
    const view = renderRedeem();
    await act(async () => {
      await view.result.current.code.redeem('BETA-2026');
    });
    expect(view.result.current.code.retryAt).not.toBeNull();
    expect(codeOf(view.result.current.code.error)).toBe('too_many_attempts');
    await waitFor(() => expect(view.result.current.code.retryAt).toBeNull(), { timeout: 3000 });
    // The lockout message is over with the lock: the hook is idle again.
    expect(view.result.current.code).toMatchObject({ status: 'idle', error: null });
    await act(async () => {
      expect((await view.result.current.code.redeem('BETA-2026')).ok).toBe(true);
    });
    expect(view.result.current.beta).toBe(true);
  });

  it('reset() returns to idle', async () => {
    const view = renderRedeem();
    await act(async () => {
      await view.result.current.code.redeem('NOPE-0000');
    });
    act(() => view.result.current.code.reset());
    expect(view.result.current.code).toMatchObject({ status: 'idle', error: null, data: null });
  });
});

describe('useGroup().identify', () => {
  it('shows the new properties at once and keeps them once the server merged them', async () => {
    // An operator lets browsers write these (a project lets them write none by default).
    api.engine.updateProject({ clientWritableProperties: ['seats', 'region', 'plan'] });
    const hold = holdRequests(api.server, 'post', '/groups/identify');
    const view = renderHook(() => useGroup(), { wrapper: wrapperFor() });
    await waitFor(() => expect(view.result.current.status).toBe('ready'));
    expect(view.result.current.data?.properties).toMatchObject({ seats: 25 });

    act(() => void view.result.current.identify({ seats: 40, region: 'EU', plan: null }));
    expect(view.result.current.data?.properties).toMatchObject({ seats: 40, region: 'EU' });
    expect(view.result.current.data?.properties).not.toHaveProperty('plan');
    await waitFor(() => expect(hold.held).toBe(1));
    hold.release(true);
    await waitFor(() => expect(api.engine.getAccountGroup('acme').properties.seats).toBe(40));
    await waitFor(() =>
      expect(view.result.current.data?.properties).toEqual(
        api.engine.getAccountGroup('acme').properties,
      ),
    );
  });

  it('rolls back exactly and reports when the server refuses', async () => {
    api.server.use(
      http.post(`${BASE}/v1/groups/identify`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'validation_failed',
              message: 'Too many properties.',
              details: { field: 'properties' },
            },
          },
          { status: 400 },
        ),
      ),
    );
    const onError = vi.fn();
    const view = renderHook(() => useGroup(), { wrapper: wrapperFor({ onError }) });
    await waitFor(() => expect(view.result.current.status).toBe('ready'));
    const before = view.result.current.data;
    let ok = true;
    await act(async () => {
      ok = (await view.result.current.identify({ seats: 99, name: 'Acme Holdings' })).ok;
    });
    expect(ok).toBe(false);
    expect(view.result.current.data).toEqual(before);
    expect(onError).toHaveBeenCalledWith(expect.any(GroupKitApiError), { action: 'identify' });
  });

  it('explains that identify needs a groupId, and sends nothing', async () => {
    const view = renderHook(() => useGroup(), { wrapper: wrapperFor({ groupId: null }) });
    await waitFor(() => expect(view.result.current.status).toBe('ready'));
    expect(view.result.current.data).toBeNull();
    api.requests.length = 0;
    const outcome = await view.result.current.identify({ seats: 1 });
    expect(outcome.error?.message).toMatch(/groupId/);
    expect(api.requests).toEqual([]);
  });
});
