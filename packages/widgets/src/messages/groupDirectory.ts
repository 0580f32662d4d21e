/** Strings of `GroupDirectory`. Functions take the locale so counts follow its plural rules. */
export interface GroupDirectoryMessages {
  heading: string;
  /** Read to screen readers while the skeleton shows. */
  loading: string;
  empty: string;
  error: string;
  retry: string;
  /** The disclosure button that reveals the code form of a code group. */
  haveCode: string;
  /** Badge of a group that rules fill (nobody joins it by hand). */
  automatic: string;
  /** Shown on a code, automatic or assigned group the user is already in. */
  member: string;
  /** A scheduled group; `date` is already formatted for the locale. */
  opensOn: (date: string) => string;
  /** Label of the search field. */
  search: string;
  /** Announced (politely) while searching: how many groups match. */
  results: (count: number, locale: string) => string;
  /** Shown instead of the list when nothing matches the search. */
  noResults: string;
  /** Appends the next page; `count` is how many rows it adds. */
  showMore: (count: number, locale: string) => string;
}

// A page's first Intl formatter loads ICU's data (25-50 ms in a cold Chromium page), and
// "Show 50 more" renders on mount: below 1,000, English and German digits are plain ASCII
// (no grouping, no other numbering system unless a `-u-` extension asks), so skip Intl.
const num = (n: number, locale: string) =>
  n < 1e3 && /^(en|de)\b(?!.*-u-)/i.test(locale) ? `${n}` : new Intl.NumberFormat(locale).format(n);
const isOne = (n: number, locale: string) => new Intl.PluralRules(locale).select(n) === 'one';

export const groupDirectoryEn: GroupDirectoryMessages = {
  heading: 'Groups',
  loading: 'Loading groups…',
  empty: 'There are no groups to join yet.',
  error: 'The groups could not be loaded.',
  retry: 'Retry',
  haveCode: 'Have a code?',
  automatic: 'Automatic',
  member: 'Member',
  opensOn: (date) => `Opens on ${date}`,
  search: 'Search groups',
  results: (n, locale) =>
    n === 0
      ? 'No groups found'
      : `${num(n, locale)} ${isOne(n, locale) ? 'group' : 'groups'} found`,
  noResults: 'No groups match your search.',
  showMore: (n, locale) => `Show ${num(n, locale)} more`,
};

export const groupDirectoryDe: GroupDirectoryMessages = {
  heading: 'Gruppen',
  loading: 'Gruppen werden geladen…',
  empty: 'Es gibt noch keine Gruppen zum Beitreten.',
  error: 'Die Gruppen konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  haveCode: 'Hast du einen Code?',
  automatic: 'Automatisch',
  member: 'Mitglied',
  opensOn: (date) => `Öffnet am ${date}`,
  search: 'Gruppen durchsuchen',
  results: (n, locale) =>
    n === 0
      ? 'Keine Gruppen gefunden'
      : `${num(n, locale)} ${isOne(n, locale) ? 'Gruppe' : 'Gruppen'} gefunden`,
  noResults: 'Keine Gruppe passt zu deiner Suche.',
  showMore: (n, locale) => `${num(n, locale)} weitere anzeigen`,
};
