import type { Membership, UserGroup } from '@groupkit/client';
import { describe, expect, it } from 'vitest';
import { type MembershipLockReason, membershipLockReason } from '../membershipLockReason';

/** An open, active, manual group members may leave: locked for nobody. */
const open: UserGroup = {
  id: '7d0f3c52-1111-4a6b-9c1e-000000000001',
  legacyId: 1,
  slug: 'newsletter',
  name: 'Product newsletter',
  description: 'A monthly email about what is new.',
  type: 'manual',
  joinType: 'open',
  userViewable: true,
  allowLeave: true,
  startsAt: null,
  stopsAt: null,
  order: 1,
  ruleset: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  status: 'active',
  memberCount: 3,
};
const group = (patch: Partial<UserGroup>): UserGroup => ({ ...open, ...patch });
const membership = (source: Membership['source']): Membership => ({
  groupId: open.id,
  slug: open.slug,
  name: open.name,
  joinedAt: '2026-02-01T00:00:00Z',
  source,
  attributes: {},
});

describe('membershipLockReason', () => {
  it.each<
    [string, UserGroup | null | undefined, Membership | null, boolean, MembershipLockReason | null]
  >([
    // Every reason, and the unlocked cases, one by one.
    ['an open group, not a member', open, null, false, null],
    ['an open group, a member', open, membership('self'), true, null],
    ['an automatic group', group({ type: 'automatic', joinType: null }), null, false, 'automatic'],
    [
      'an automatic group the user is in',
      group({ type: 'automatic' }),
      membership('rule'),
      true,
      'automatic',
    ],
    ['a hidden group the user is in by a rule', undefined, membership('rule'), true, 'automatic'],
    ['an admin-only group', group({ joinType: null }), null, false, 'adminOnly'],
    [
      'an admin-only group the user is in',
      group({ joinType: null }),
      membership('admin'),
      true,
      'adminOnly',
    ],
    ['a hidden group an admin put the user in', null, membership('admin'), true, 'adminOnly'],
    [
      'a hidden group the user joined themselves',
      undefined,
      membership('self'),
      false,
      'adminOnly',
    ],
    [
      'a group that keeps its members, a member',
      group({ allowLeave: false }),
      null,
      true,
      'keepsMembers',
    ],
    [
      'a group that keeps its members, not a member',
      group({ allowLeave: false }),
      null,
      false,
      null,
    ],
    ['an ended group, not a member', group({ status: 'ended' }), null, false, 'closed'],
    ['an ended group, a member (may leave)', group({ status: 'ended' }), null, true, null],
    [
      'a scheduled group, not a member',
      group({ status: 'scheduled', startsAt: '2027-03-01T09:00:00Z' }),
      null,
      false,
      'scheduled',
    ],
    ['a scheduled group, a member (may leave)', group({ status: 'scheduled' }), null, true, null],
    ['a code group, not a member', group({ joinType: 'code' }), null, false, 'code'],
    ['a code group, a member (may leave)', group({ joinType: 'code' }), null, true, null],
    ['a group the directory does not list', undefined, null, false, 'unavailable'],
    ['a group the directory does not list, shown checked', null, null, true, 'unavailable'],
  ])('%s', (_, g, m, checked, reason) => {
    expect(membershipLockReason(g, m, checked)).toBe(reason);
  });

  it('applies the reasons in order: the first that matches wins', () => {
    // automatic > admin only > (member: keeps members) > closed > scheduled > code.
    const everything = group({
      type: 'automatic',
      joinType: null,
      allowLeave: false,
      status: 'ended',
    });
    expect(membershipLockReason(everything, null, false)).toBe('automatic');
    expect(membershipLockReason(everything, null, true)).toBe('automatic');
    const adminOnly = group({ joinType: null, allowLeave: false, status: 'scheduled' });
    expect(membershipLockReason(adminOnly, null, false)).toBe('adminOnly');
    expect(membershipLockReason(adminOnly, null, true)).toBe('adminOnly');
    // A member is judged by whether they may leave, whatever the window or the join type.
    const keeps = group({ joinType: 'code', allowLeave: false, status: 'ended' });
    expect(membershipLockReason(keeps, null, true)).toBe('keepsMembers');
    expect(membershipLockReason(keeps, null, false)).toBe('closed');
    const scheduledCode = group({ joinType: 'code', status: 'scheduled' });
    expect(membershipLockReason(scheduledCode, null, false)).toBe('scheduled');
    expect(membershipLockReason(group({ joinType: 'code', status: 'ended' }), null, false)).toBe(
      'closed',
    );
  });

  it('judges a listed group by the group, a hidden one by the membership alone', () => {
    // The membership's source does not lock a group the directory lists.
    expect(membershipLockReason(open, membership('rule'), true)).toBeNull();
    // Nor does the state shown lock a hidden one.
    expect(membershipLockReason(undefined, membership('code'), false)).toBe('adminOnly');
    expect(membershipLockReason(undefined, membership('code'), true)).toBe('adminOnly');
  });

  it('lets a member leave when the server does not say `allowLeave` (older servers)', () => {
    const older = { ...open } as Partial<UserGroup>;
    delete older.allowLeave;
    expect(membershipLockReason(older as UserGroup, null, true)).toBeNull();
  });
});
