import { GroupKitApiError, GroupKitErrorCode, isGroupKitApiError } from '@groupkit/client';
import { computeUserHash } from '@groupkit/mock-api';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { GroupKitOutcome } from '../changeRunner';
import { useGroup } from '../useGroup';
import { usePendingChanges } from '../usePendingChanges';
import {
  holdRequests,
  setupMockApi,
  TestProvider,
  type TestProviderProps,
} from './support/mockApi';

// The default scenario lets browsers write the account group's `onboarding` property only;
// plan, seats and the rest are the server's (secret key) to write.
const api = setupMockApi();

function renderGroup(props: TestProviderProps = {}) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestProvider {...props}>{children}</TestProvider>
  );
  return renderHook(() => ({ group: useGroup(), pending: usePendingChanges() }), { wrapper });
}

const stored = () => api.engine.getAccountGroup('acme').properties;

describe('useGroup().identify and the properties a browser may write', () => {
  it('refuses a server-only property with the typed error, and leaves no optimistic trace', async () => {
    const onError = vi.fn();
    const view = renderGroup({ onError });
    await waitFor(() => expect(view.result.current.group.status).toBe('ready'));
    const before = view.result.current.group.data;
    const serverBefore = stored();
    const hold = holdRequests(api.server, 'post', '/groups/identify');

    let outcome: Promise<GroupKitOutcome<unknown>> = Promise.resolve({
      ok: true,
      data: null,
      error: null,
    });
    act(() => {
      outcome = view.result.current.group.identify({ onboarding: { step: 2 }, plan: 'Free' });
    });
    // Shown at once, as every write is, until the server answers.
    expect(view.result.current.group.data?.properties).toMatchObject({ plan: 'Free' });
    await waitFor(() => expect(hold.held).toBe(1));
    hold.release(true);
    const { ok, error } = await act(() => outcome);

    expect(ok).toBe(false);
    expect(error).toBeInstanceOf(GroupKitApiError);
    expect(isGroupKitApiError(error) && error.code).toBe(GroupKitErrorCode.property_not_writable);
    expect(isGroupKitApiError(error) && error.details).toEqual({ property: 'plan' });
    expect(onError).toHaveBeenCalledWith(error, { action: 'identify' });
    // The server's group again, with neither key of the refused call; nothing left queued.
    expect(view.result.current.group.data).toEqual(before);
    expect(view.result.current.group.data?.properties).toEqual(serverBefore);
    expect(view.result.current.pending).toEqual([]);
    expect(stored()).toEqual(serverBefore);
    expect(stored()).not.toHaveProperty('onboarding');
  });

  it('writes an allowed property: shown at once, stored, kept', async () => {
    const view = renderGroup();
    await waitFor(() => expect(view.result.current.group.status).toBe('ready'));
    const outcome = await act(() =>
      view.result.current.group.identify({ onboarding: { step: 1, seen: ['welcome'] } }),
    );
    expect(outcome.ok).toBe(true);
    expect(stored().onboarding).toEqual({ step: 1, seen: ['welcome'] });
    expect(view.result.current.group.data?.properties).toEqual(stored());
  });

  it('rolls back only the refused call among allowed ones sent after each other', async () => {
    const view = renderGroup();
    await waitFor(() => expect(view.result.current.group.status).toBe('ready'));
    const outcomes = await act(() =>
      Promise.all([
        view.result.current.group.identify({ onboarding: { step: 1 } }),
        view.result.current.group.identify({ seats: 99 }),
        view.result.current.group.identify({ onboarding: { step: 2 } }),
      ]),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(stored()).toMatchObject({ seats: 25, onboarding: { step: 2 } });
    await waitFor(() => expect(view.result.current.group.data?.properties).toEqual(stored()));
  });

  it('follows the project: a property an operator allows is written from the next call', async () => {
    const view = renderGroup();
    await waitFor(() => expect(view.result.current.group.status).toBe('ready'));
    expect((await act(() => view.result.current.group.identify({ theme: 'dark' }))).ok).toBe(false);
    api.engine.updateProject({ clientWritableProperties: ['onboarding', 'theme'] });
    expect((await act(() => view.result.current.group.identify({ theme: 'dark' }))).ok).toBe(true);
    expect(view.result.current.group.data?.properties.theme).toBe('dark');
  });

  it('with identity verification on, proves the provider user with its hash', async () => {
    api.engine.updateProject({ identityVerification: true });
    const view = renderGroup({ userHash: await computeUserHash('u_ada') });
    await waitFor(() => expect(view.result.current.group.status).toBe('ready'));
    const outcome = await act(() =>
      view.result.current.group.identify({ onboarding: { step: 3 } }),
    );
    expect(outcome.error).toBeNull();
    expect(stored().onboarding).toEqual({ step: 3 });
  });
});
