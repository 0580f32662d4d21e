'use client';
export type { GroupBadgeProps } from './GroupBadge';
export { GroupBadge } from './GroupBadge';
export type { GroupKitLocaleProviderProps } from './locale';
export { formatDate, GroupKitLocaleProvider } from './locale';
export type { MembershipListProps } from './MembershipList';
export { MembershipList } from './MembershipList';
export type {
  GroupDirectoryMessages,
  GroupKitMessages,
  GroupKitMessagesOverride,
  JoinGroupCodeFormMessages,
  JoinGroupToggleMessages,
  MembershipListMessages,
  SectionOverride,
} from './messages';
export { englishMessages, germanMessages } from './messages';
