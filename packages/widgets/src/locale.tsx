'use client';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import {
  englishMessages,
  type GroupKitMessages,
  type GroupKitMessagesOverride,
  mergeSection,
  type SectionOverride,
} from './messages';

interface LocaleValue {
  locale: string;
  messages: GroupKitMessages;
}

const LocaleContext = createContext<LocaleValue>({ locale: 'en', messages: englishMessages });

export interface GroupKitLocaleProviderProps {
  /**
   * BCP 47 locale for dates and numbers (`Intl`), e.g. `de-DE`.
   * @default 'en'
   * @example <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}>
   */
  locale?: string;
  /**
   * A full catalogue (`germanMessages`) or overrides of any strings, merged over the
   * surrounding provider's (English by default).
   * @default englishMessages
   * @example <GroupKitLocaleProvider messages={{ joinGroupToggle: { join: 'Sign me up' } }}>
   */
  messages?: GroupKitMessages | GroupKitMessagesOverride;
  children?: ReactNode;
}

/** Sets the language of every GroupKit widget below it (each widget's `messages` prop still wins). */
export function GroupKitLocaleProvider({
  locale,
  messages,
  children,
}: GroupKitLocaleProviderProps) {
  const outer = useContext(LocaleContext);
  const value = useMemo<LocaleValue>(() => {
    const merged = { ...outer.messages };
    for (const section of Object.keys(merged) as (keyof GroupKitMessages)[]) {
      Object.assign(merged, {
        [section]: mergeSection<object>(merged[section], messages?.[section] as object | undefined),
      });
    }
    return { locale: locale ?? outer.locale, messages: merged };
  }, [outer, locale, messages]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/**
 * A widget's strings (provider's catalogue, then the widget's own `messages` prop) and the
 * locale for `Intl`.
 */
export function useMessages<S extends keyof GroupKitMessages>(
  section: S,
  override?: SectionOverride<GroupKitMessages[S]>,
): { t: GroupKitMessages[S]; locale: string } {
  const { locale, messages } = useContext(LocaleContext);
  const t = useMemo(() => mergeSection(messages[section], override), [messages, section, override]);
  return { t, locale };
}

/** A date as the locale writes it (e.g. "12 March 2027" / "12. März 2027"). */
export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}
