import type { MembershipSource } from '@groupkit/client';

/** Strings of `MembershipList` (and the source labels `GroupBadge` shows). */
export interface MembershipListMessages {
  heading: string;
  loading: string;
  empty: string;
  error: string;
  /** How the user came to be in a group. */
  source: Record<MembershipSource, string>;
}

export const membershipListEn: MembershipListMessages = {
  heading: 'Your groups',
  loading: 'Loading your groups…',
  empty: 'You are not in any groups yet.',
  error: 'Your groups could not be loaded.',
  source: { self: 'Joined', code: 'Joined with a code', admin: 'Assigned', rule: 'Automatic' },
};

export const membershipListDe: MembershipListMessages = {
  heading: 'Deine Gruppen',
  loading: 'Deine Gruppen werden geladen…',
  empty: 'Du bist noch in keiner Gruppe.',
  error: 'Deine Gruppen konnten nicht geladen werden.',
  source: {
    self: 'Beigetreten',
    code: 'Mit Code beigetreten',
    admin: 'Zugewiesen',
    rule: 'Automatisch',
  },
};
