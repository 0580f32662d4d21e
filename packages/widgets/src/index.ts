'use client';
export type { GroupBadgeProps } from './GroupBadge';
export { GroupBadge } from './GroupBadge';
export type { MembershipListProps } from './MembershipList';
export { MembershipList } from './MembershipList';
export type { GroupKitMessages } from './messages';
export { defaultMessages } from './messages';
