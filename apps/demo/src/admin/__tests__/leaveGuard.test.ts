import { describe, expect, it, vi } from 'vitest';
import { consoleHref, leavesPage } from '../consoleRoute';
import { createLeaveGuard, LEAVE_QUESTION } from '../leaveGuard';

describe('the console asks before unsaved edits are left behind', () => {
  it('lets the operator go without asking while nothing is unsaved', () => {
    const ask = vi.fn(() => false);
    const guard = createLeaveGuard(ask);
    expect(guard.mayLeave()).toBe(true);
    const release = guard.hold();
    release();
    expect(guard.mayLeave()).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks while any editor holds unsaved edits, and goes by the answer', () => {
    const answers = [false, true];
    const ask = vi.fn(() => answers.shift() ?? false);
    const guard = createLeaveGuard(ask);
    const releaseFlow = guard.hold();
    const releaseRules = guard.hold();
    expect(guard.mayLeave()).toBe(false);
    expect(guard.mayLeave()).toBe(true);
    expect(ask).toHaveBeenCalledWith(LEAVE_QUESTION);
    // One editor saved: the other still holds.
    releaseFlow();
    releaseFlow();
    expect(guard.mayLeave()).toBe(false);
    releaseRules();
    expect(guard.mayLeave()).toBe(true);
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('counts another page, user or flow as leaving; the same route is not', () => {
    expect(leavesPage(consoleHref('flows', 'beta-welcome'), consoleHref('audit'))).toBe(true);
    expect(
      leavesPage(consoleHref('flows', 'beta-welcome'), consoleHref('flows', 'plus-tour')),
    ).toBe(true);
    expect(leavesPage(consoleHref('users', 'u_ada'), consoleHref('users'))).toBe(true);
    expect(leavesPage(consoleHref('groups'), consoleHref('groups'))).toBe(false);
    expect(
      leavesPage(consoleHref('flows', 'beta-welcome'), consoleHref('flows', 'beta-welcome')),
    ).toBe(false);
  });
});
