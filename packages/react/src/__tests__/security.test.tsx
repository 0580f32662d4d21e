import { isGroupKitApiError } from '@groupkit/client';
import { computeUserHash, createGroupsEngine, createHandlers } from '@groupkit/mock-api';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GroupKitOutcome } from '../changeRunner';
import { useChangeMemberships } from '../useChangeMemberships';
import { useGroupKit } from '../useGroupKit';
import { useGroupKitStore } from '../useGroupKitStore';
import { useIsMember } from '../useIsMember';
import { useJoinGroup } from '../useJoinGroup';
import { useMemberships } from '../useMemberships';
import {
  BASE,
  engineMemberships,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';

const api = setupMockApi();

function wrapperFor(props: TestProviderProps) {
  return ({ children }: { children: ReactNode }) => (
    <TestProvider {...props}>{children}</TestProvider>
  );
}

const apiError = (error: Error | null | undefined) =>
  isGroupKitApiError(error) ? { status: error.status, code: error.code } : error;

describe('identity verification (the verified scenario)', () => {
  beforeEach(() => {
    api.engine = createGroupsEngine({ scenario: 'verified' });
    api.server.resetHandlers(...createHandlers(api.engine, { baseUrl: BASE }));
  });

  function renderKit(props: TestProviderProps) {
    return renderHook(() => ({ kit: useGroupKit(), memberships: useMemberships() }), {
      wrapper: wrapperFor(props),
    });
  }

  it('refuses a provider without userHash: 401 identity_unverified, typed, not retried', async () => {
    const onError = vi.fn();
    const view = renderKit({ onError });
    await waitFor(() => expect(view.result.current.kit.status).toBe('error'));
    expect(apiError(view.result.current.kit.error)).toEqual({
      status: 401,
      code: 'identity_unverified',
    });
    expect(view.result.current.memberships.status).toBe('error');
    expect(view.result.current.kit.isRetrying).toBe(false);
    expect(api.requests).toEqual(['GET /v1/session']);
    expect(onError).toHaveBeenCalledOnce();
  });

  it("loads with the user's own hash", async () => {
    const view = renderKit({ userHash: await computeUserHash('u_ada') });
    await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
    expect(view.result.current.memberships.data?.map((m) => m.slug)).toEqual(
      engineMemberships(api.engine),
    );
  });

  it("refuses Grace's hash for Ada: one user's proof never opens another's data", async () => {
    const view = renderKit({ userHash: await computeUserHash('u_grace') });
    await waitFor(() => expect(view.result.current.kit.status).toBe('error'));
    expect(apiError(view.result.current.kit.error)).toEqual({
      status: 401,
      code: 'identity_unverified',
    });
    expect(view.result.current.memberships.data).toBeUndefined();
  });

  it("refuses a change for Ada signed with Grace's hash, and changes nothing", async () => {
    const graceHash = await computeUserHash('u_grace');
    const view = renderHook(() => useJoinGroup('newsletter'), {
      wrapper: wrapperFor({ userHash: graceHash }),
    });
    let outcome: GroupKitOutcome<unknown> | undefined;
    await act(async () => {
      outcome = await view.result.current.join();
    });
    expect(apiError(outcome?.error)).toEqual({ status: 401, code: 'identity_unverified' });
    expect(engineMemberships(api.engine)).not.toContain('newsletter');
  });
});

describe('a publishable key cannot join what only an admin or a code may change', () => {
  beforeEach(() => {
    // A group that is listed but admin-assigned (the default scenario lists none).
    api.engine.updateUserGroup('pro', { userViewable: true, order: 9 });
    api.engine.updateUserGroup('plus', { userViewable: true, order: 10 });
  });

  it.each([
    // A hidden group reads as unknown: the answer must not tell that it exists.
    ['joins a hidden group', '+staff', 'staff', 404, 'user_group_not_found'],
    ['joins a hidden admin-only group', '+customer', 'customer', 404, 'user_group_not_found'],
    ['joins an automatic group', '+uk-users', 'uk-users', 409, 'group_is_automatic'],
    ['joins an admin-only group', '+pro', 'pro', 403, 'group_not_joinable'],
    ['leaves an admin-assigned group', '-plus', 'plus', 403, 'group_not_joinable'],
    ['joins a code-only group without a code', '+beta', 'beta', 403, 'group_not_joinable'],
    ['joins a scheduled group', '+spring-summit', 'spring-summit', 409, 'group_not_active'],
    ['joins an ended group', '+webinar-2025', 'webinar-2025', 409, 'group_not_active'],
    // Atomic: the open group in the same request is not joined either.
    [
      'joins open + automatic at once',
      '+newsletter,+uk-users',
      'newsletter',
      409,
      'group_is_automatic',
    ],
  ])(
    'Grace %s (%s): refused, rolled back, nothing changed',
    async (_, changes, slug, status, code) => {
      const onError = vi.fn();
      const view = renderHook(
        () => ({
          change: useChangeMemberships(),
          member: useIsMember(slug),
          kit: useGroupKit(),
          pending: useGroupKitStore((s) => s.pending.length),
        }),
        { wrapper: wrapperFor({ userId: 'u_grace', onError }) },
      );
      await waitFor(() => expect(view.result.current.kit.status).toBe('ready'));
      const held = view.result.current.member;
      const before = engineMemberships(api.engine, 'u_grace');
      const runs = api.engine.listAutomationRuns().length;

      let result: Promise<GroupKitOutcome<unknown>> = Promise.resolve({
        ok: true,
        data: null,
        error: null,
      });
      act(() => {
        result = view.result.current.change.apply(changes);
      });
      // Shown at once, as any change is…
      expect(view.result.current.member).toBe(changes.startsWith('-') ? false : true);
      let outcome: GroupKitOutcome<unknown> | undefined;
      await act(async () => {
        outcome = await result;
      });

      // …and rolled back exactly when refused, with the typed code.
      expect(outcome?.ok).toBe(false);
      expect(apiError(outcome?.error)).toEqual({ status, code });
      expect(onError).toHaveBeenCalledWith(
        outcome?.error,
        expect.objectContaining({ action: 'change' }),
      );
      expect(view.result.current.member).toBe(held);
      expect(view.result.current.pending).toBe(0);
      expect(view.result.current.kit.isSaving).toBe(false);
      // Nothing changed on the server, and no automation ran.
      expect(engineMemberships(api.engine, 'u_grace')).toEqual(before);
      expect(api.engine.listAutomationRuns()).toHaveLength(runs);
    },
  );
});
