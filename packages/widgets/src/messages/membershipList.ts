import type { MembershipSource } from '@groupkit/client';

/** Strings of `MembershipList` (and the source labels `GroupBadge` shows). */
export interface MembershipListMessages {
  heading: string;
  loading: string;
  empty: string;
  error: string;
  /** How the user came to be in a group. */
  source: Record<MembershipSource, string>;
  /** The leave button's text, on groups the user may leave (open or code, `allowLeave` not false). */
  leave: string;
  /** The leave button's accessible name. */
  leaveLabel: (name: string) => string;
  /** Asked before leaving a code group: rejoining needs a code again. */
  confirmCodeLeave: (name: string) => string;
  /** The button that confirms leaving a code group. */
  confirmLeave: string;
  /** The button that backs out of leaving. */
  cancel: string;
}

export const membershipListEn: MembershipListMessages = {
  heading: 'Your groups',
  loading: 'Loading your groups…',
  empty: 'You are not in any groups yet.',
  error: 'Your groups could not be loaded.',
  source: { self: 'Joined', code: 'Joined with a code', admin: 'Assigned', rule: 'Automatic' },
  leave: 'Leave',
  leaveLabel: (name) => `Leave ${name}`,
  confirmCodeLeave: (name) => `Leave ${name}? You will need a code to join again.`,
  confirmLeave: 'Leave group',
  cancel: 'Cancel',
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
  leave: 'Verlassen',
  leaveLabel: (name) => `${name} verlassen`,
  confirmCodeLeave: (name) =>
    `${name} verlassen? Für einen erneuten Beitritt brauchst du wieder einen Code.`,
  confirmLeave: 'Gruppe verlassen',
  cancel: 'Abbrechen',
};
