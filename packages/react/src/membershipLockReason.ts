import type { Membership, UserGroup } from '@groupkit/client';

/**
 * Why the user cannot join or leave a group themselves (named as `@groupkit/widgets`' message
 * keys, so a widget maps each to its words):
 * - `automatic`: a rule decides who is in it (an automatic group, or a membership the user
 *   holds by a rule in a group the directory does not list);
 * - `adminOnly`: only an admin changes it (`joinType: null`, or a hidden group the user is in);
 * - `keepsMembers`: the user is in it, and it keeps its members (`allowLeave: false`);
 * - `closed`: it has ended (a member may still leave it);
 * - `scheduled`: it opens at `group.startsAt` (always set for this reason);
 * - `code`: it is joined with a campaign code, not with a switch (a member may leave it);
 * - `unavailable`: the directory does not list it, and the user is not in it.
 */
export type MembershipLockReason =
  'automatic' | 'adminOnly' | 'keepsMembers' | 'closed' | 'scheduled' | 'code' | 'unavailable';

/**
 * Why the user cannot change their membership of a group with a switch, first match in the
 * order of `MembershipLockReason`; `null` when they can. A group the directory does not list
 * (`group` absent) is judged by the user's `membership` of it alone; a listed group by the
 * group and the state shown (`checked`): a member may leave a group they could join (open or
 * code), whatever its window, unless it keeps its members. Pure: the rule
 * `useMembershipToggle` and `JoinGroupToggle` apply.
 * @example
 * membershipLockReason(group, null, false); // 'code' for a code group the user is not in
 * membershipLockReason(undefined, membership, true); // 'adminOnly' for a hidden group they are in
 */
export function membershipLockReason(
  group: UserGroup | null | undefined,
  membership: Membership | null | undefined,
  checked: boolean,
): MembershipLockReason | null {
  if (!group)
    return membership ? (membership.source === 'rule' ? 'automatic' : 'adminOnly') : 'unavailable';
  if (group.type === 'automatic') return 'automatic';
  if (group.joinType === null) return 'adminOnly';
  // `allowLeave` is absent on older servers: leaving is then allowed.
  if (checked) return group.allowLeave === false ? 'keepsMembers' : null;
  return group.status === 'ended'
    ? 'closed'
    : group.status === 'scheduled'
      ? 'scheduled'
      : group.joinType === 'code'
        ? 'code'
        : null;
}
