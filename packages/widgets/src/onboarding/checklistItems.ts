import type { Membership, UserGroup } from '@groupkit/client';
import type { ReactNode } from 'react';
import type { OnboardingMessages } from '../messages/onboarding';

/** The real state items are checked against. */
export interface OnboardingChecklistState {
  /** The user's memberships, pending changes applied (a join ticks its item at once). */
  memberships: Membership[];
  /** The group directory (`useUserGroups()`), e.g. for a group's display name. */
  groups: UserGroup[];
}

/** One checklist item. It is done when `done(state)` says so: nothing is stored. */
export interface OnboardingChecklistItem {
  /** Unique within the checklist. */
  id: string;
  /**
   * What to do ("Join a group"): a node, or a function of the strings and state (to follow
   * the locale).
   * @example label: (t, { groups }) => t.joinGroup(groups[0]?.name ?? 'a group')
   */
  label: ReactNode | ((t: OnboardingMessages, state: OnboardingChecklistState) => ReactNode);
  /**
   * Whether the item is done, from real state.
   * @example done: ({ memberships }) => memberships.some((m) => m.slug === 'newsletter')
   */
  done: (state: OnboardingChecklistState) => boolean;
  /** Where to do it: the label links there until the item is done. @default undefined */
  href?: string;
  /** What to do on activation: the label is a button until the item is done. @default undefined */
  onSelect?: () => void;
}

const joinedByUser = (m: Membership) => m.source === 'self' || m.source === 'code';

/**
 * "Join a group": done once the user joined any group themselves (switch or code).
 * @example <OnboardingChecklist items={[joinAnyGroupItem({ href: '/groups' })]} />
 */
export function joinAnyGroupItem(item?: Partial<OnboardingChecklistItem>): OnboardingChecklistItem {
  return {
    id: 'join-any-group',
    label: (t) => t.joinAnyGroup,
    done: ({ memberships }) => memberships.some(joinedByUser),
    ...item,
  };
}

/**
 * "Redeem your invite code": done once the user is in a group by a code.
 * @example redeemCodeItem({ onSelect: () => setCodeDialogOpen(true) })
 */
export function redeemCodeItem(item?: Partial<OnboardingChecklistItem>): OnboardingChecklistItem {
  return {
    id: 'redeem-code',
    label: (t) => t.redeemCode,
    done: ({ memberships }) => memberships.some((m) => m.source === 'code'),
    ...item,
  };
}

/**
 * "Join {group}": done once the user is in that group (slug or id), however they got there.
 * @example joinGroupItem('newsletter', { label: 'Subscribe to the newsletter' })
 */
export function joinGroupItem(
  group: string,
  item?: Partial<OnboardingChecklistItem>,
): OnboardingChecklistItem {
  const is = (g: { slug: string }, id: string) => g.slug === group || id === group;
  return {
    id: `join-${group}`,
    label: (t, { groups }) => t.joinGroup(groups.find((g) => is(g, g.id))?.name ?? group),
    done: ({ memberships }) => memberships.some((m) => is(m, m.groupId)),
    ...item,
  };
}
