import { describe, expect, it } from 'vitest';
import { groupDirectoryDe, groupDirectoryEn } from '../messages/groupDirectory';

describe('GroupDirectory counts', () => {
  // "Show 50 more" skips Intl below 1,000 in English and German (a cold page's first
  // formatter is slow); it must still read exactly as Intl would write it, in any locale.
  it.each(['en', 'en-US', 'en-IN', 'de', 'de-CH', 'en-u-nu-arab', 'ar-EG', 'fr'])(
    'formats counts as Intl does in %s',
    (locale) => {
      for (const n of [1, 50, 999, 1000, 12345]) {
        const digits = new Intl.NumberFormat(locale).format(n);
        expect(groupDirectoryEn.showMore(n, locale)).toBe(`Show ${digits} more`);
        expect(groupDirectoryDe.showMore(n, locale)).toBe(`${digits} weitere anzeigen`);
      }
    },
  );
});
