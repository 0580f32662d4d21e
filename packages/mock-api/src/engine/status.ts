import type { UserGroupRecord, UserGroupStatus } from './types';

/**
 * A group is `scheduled` before `startsAt`, `ended` from `stopsAt` on, otherwise `active`.
 * @example userGroupStatus({ startsAt: '2027-03-12T00:00:00Z', stopsAt: null }, new Date()) // 'scheduled'
 */
export function userGroupStatus(
  group: Pick<UserGroupRecord, 'startsAt' | 'stopsAt'>,
  now: Date,
): UserGroupStatus {
  const t = now.getTime();
  if (group.startsAt !== null && t < Date.parse(group.startsAt)) return 'scheduled';
  if (group.stopsAt !== null && t >= Date.parse(group.stopsAt)) return 'ended';
  return 'active';
}
