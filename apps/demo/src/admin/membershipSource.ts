import type { MembershipSource } from '@groupkit/client';

/** How a membership came to be, in words a support agent can read back to the user. */
export const MEMBERSHIP_SOURCE_TEXT: Record<MembershipSource, string> = {
  self: 'joined themselves',
  code: 'redeemed a code',
  admin: 'added by an admin',
  rule: 'matched the group’s rules',
};
