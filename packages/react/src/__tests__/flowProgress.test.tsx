import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFlowProgress } from '../useFlowProgress';
import { setupMockApi, TestProvider } from './support/mockApi';

setupMockApi();

function renderFlow(userId: string, persist = true) {
  return renderHook(() => useFlowProgress('welcome'), {
    wrapper: ({ children }) => (
      <TestProvider userId={userId} persist={persist}>
        {children}
      </TestProvider>
    ),
  });
}

describe('useFlowProgress', () => {
  it('starts at step 0, moves, and resumes at the same step after a reload', () => {
    const first = renderFlow('u_ada');
    expect(first.result.current).toMatchObject({ step: 0, status: 'active', seen: [] });
    act(() => first.result.current.goTo(1, 'welcome'));
    act(() => first.result.current.goTo(2, 'choose-groups'));
    first.unmount();

    const reloaded = renderFlow('u_ada');
    expect(reloaded.result.current).toMatchObject({
      step: 2,
      status: 'active',
      seen: ['welcome', 'choose-groups'],
    });
    act(() => reloaded.result.current.complete());
    reloaded.unmount();
    expect(renderFlow('u_ada').result.current.status).toBe('completed');
  });

  it("never shows one user's progress to another, and persist={false} keeps nothing", () => {
    const ada = renderFlow('u_ada');
    act(() => ada.result.current.goTo(3, 'code'));
    ada.unmount();
    expect(renderFlow('u_grace').result.current.step).toBe(0);

    const shared = renderFlow('u_alan', false);
    act(() => shared.result.current.dismiss());
    shared.unmount();
    expect(renderFlow('u_alan', false).result.current.status).toBe('active');
  });

  it('keeps the step id and the starting memberships, recorded once and dropped at the end', () => {
    const view = renderFlow('u_ada');
    act(() => view.result.current.recordStart(['g1', 'g2']));
    act(() => view.result.current.recordStart(['g3']));
    act(() => view.result.current.goTo(1, 'welcome', 'groups'));
    expect(view.result.current).toMatchObject({
      step: 1,
      stepId: 'groups',
      startedWith: ['g1', 'g2'],
    });
    view.unmount();
    const reloaded = renderFlow('u_ada');
    expect(reloaded.result.current).toMatchObject({ stepId: 'groups', startedWith: ['g1', 'g2'] });
    act(() => reloaded.result.current.complete());
    expect(reloaded.result.current.startedWith).toBeUndefined();
  });

  it('reset() starts over', () => {
    const view = renderFlow('u_ada');
    act(() => view.result.current.goTo(2));
    act(() => view.result.current.reset());
    expect(view.result.current).toMatchObject({ step: 0, status: 'active', seen: [] });
  });
});
