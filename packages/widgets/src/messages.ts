import {
  type GroupDirectoryMessages,
  groupDirectoryDe,
  groupDirectoryEn,
} from './messages/groupDirectory';
import {
  type JoinGroupCodeFormMessages,
  joinGroupCodeFormDe,
  joinGroupCodeFormEn,
} from './messages/joinGroupCodeForm';
import {
  type JoinGroupToggleMessages,
  joinGroupToggleDe,
  joinGroupToggleEn,
} from './messages/joinGroupToggle';
import { type OnboardingMessages, onboardingDe, onboardingEn } from './messages/onboarding';
import {
  type MembershipListMessages,
  membershipListDe,
  membershipListEn,
} from './messages/membershipList';

export type {
  GroupDirectoryMessages,
  JoinGroupCodeFormMessages,
  JoinGroupToggleMessages,
  MembershipListMessages,
  OnboardingMessages,
};

/** Every string the widgets show, one section per widget. */
export interface GroupKitMessages {
  membershipList: MembershipListMessages;
  joinGroupToggle: JoinGroupToggleMessages;
  joinGroupCodeForm: JoinGroupCodeFormMessages;
  groupDirectory: GroupDirectoryMessages;
  onboarding: OnboardingMessages;
}

/** Overrides: any subset of any section (nested records such as `source` merge too). */
export type GroupKitMessagesOverride = {
  [S in keyof GroupKitMessages]?: SectionOverride<GroupKitMessages[S]>;
};

/** A partial section: plain strings and functions replace, nested records merge. */
export type SectionOverride<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown
    ? T[K]
    : T[K] extends object
      ? Partial<T[K]>
      : T[K];
};

/** English, the default. */
export const englishMessages: GroupKitMessages = {
  membershipList: membershipListEn,
  joinGroupToggle: joinGroupToggleEn,
  joinGroupCodeForm: joinGroupCodeFormEn,
  groupDirectory: groupDirectoryEn,
  onboarding: onboardingEn,
};

/** The complete German catalogue: `<GroupKitLocaleProvider locale="de" messages={germanMessages}>`. */
export const germanMessages: GroupKitMessages = {
  membershipList: membershipListDe,
  joinGroupToggle: joinGroupToggleDe,
  joinGroupCodeForm: joinGroupCodeFormDe,
  groupDirectory: groupDirectoryDe,
  onboarding: onboardingDe,
};

/** One section with overrides merged in (one level deep, enough for every section's records). */
export function mergeSection<T extends object>(base: T, override?: SectionOverride<T>): T {
  if (!override) return base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] =
      typeof value === 'object' && value !== null && typeof current === 'object' && current !== null
        ? { ...current, ...value }
        : value;
  }
  return merged as T;
}
