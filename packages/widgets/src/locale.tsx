'use client';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import {
  type GroupKitMessages,
  type GroupKitMessagesOverride,
  mergeSection,
  type SectionOverride,
} from './messages';

interface LocaleValue {
  locale: string;
  /** The catalogue set by providers: overrides over each widget's own English defaults. */
  messages: GroupKitMessagesOverride;
}

// Empty by default: each widget brings its own English strings, so a bundle with one widget
// carries one widget's strings, not every widget's.
const LocaleContext = createContext<LocaleValue>({ locale: 'en', messages: {} });

export interface GroupKitLocaleProviderProps {
  /**
   * BCP 47 locale for dates and numbers (`Intl`), e.g. `de-DE`.
   * @default 'en'
   * @example <GroupKitLocaleProvider locale="de-DE" messages={germanMessages}> // from '@groupkit/widgets/locales/de'
   */
  locale?: string;
  /**
   * A full catalogue (`germanMessages`) or overrides of any strings, merged over the
   * surrounding provider's (English by default).
   * @default englishMessages
   * @example <GroupKitLocaleProvider messages={{ joinGroupToggle: { join: 'Sign me up' } }}>
   */
  messages?: GroupKitMessages | GroupKitMessagesOverride;
  /**
   * The widgets to translate.
   * @default undefined
   */
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
    const merged: Record<string, object | undefined> = { ...outer.messages };
    for (const [section, strings] of Object.entries(messages ?? {})) {
      merged[section] = mergeSection<object>(merged[section] ?? {}, strings as object);
    }
    return { locale: locale ?? outer.locale, messages: merged as GroupKitMessagesOverride };
  }, [outer, locale, messages]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/**
 * A widget's strings: its own English `defaults`, then the surrounding providers' catalogue,
 * then the widget's `messages` prop; and the locale for `Intl`.
 */
export function useMessages<S extends keyof GroupKitMessages>(
  section: S,
  defaults: GroupKitMessages[S],
  override?: SectionOverride<GroupKitMessages[S]>,
): { t: GroupKitMessages[S]; locale: string } {
  const { locale, messages } = useContext(LocaleContext);
  const fromProvider = messages[section] as SectionOverride<GroupKitMessages[S]> | undefined;
  const t = useMemo(
    () => mergeSection(mergeSection(defaults, fromProvider), override),
    [defaults, fromProvider, override],
  );
  return { t, locale };
}

/** A date as the locale writes it (e.g. "12 March 2027" / "12. März 2027"). */
export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}
