import type { MembershipSource } from '@groupkit/client';

/** Every string the widgets show. Pass a partial object to override any of them. */
export interface GroupKitMessages {
  membershipsHeading: string;
  membershipsLoading: string;
  membershipsEmpty: string;
  membershipsError: string;
  source: Record<MembershipSource, string>;
}

/** English defaults. */
export const defaultMessages: GroupKitMessages = {
  membershipsHeading: 'Your groups',
  membershipsLoading: 'Loading your groups…',
  membershipsEmpty: 'You are not in any groups yet.',
  membershipsError: 'Your groups could not be loaded.',
  source: { self: 'Joined', code: 'Joined with a code', admin: 'Assigned', rule: 'Automatic' },
};

export function resolveMessages(overrides?: Partial<GroupKitMessages>): GroupKitMessages {
  if (!overrides) return defaultMessages;
  return {
    ...defaultMessages,
    ...overrides,
    source: { ...defaultMessages.source, ...overrides.source },
  };
}
