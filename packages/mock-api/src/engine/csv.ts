/**
 * CSV serialisation (RFC 4180) for exports that end up in spreadsheets. Kept free of any
 * engine type so the escaping rules can be tested, and trusted, on their own.
 */

/** The separators an export may use, by the name the API accepts for each. */
export const CSV_DELIMITERS = { ',': ',', ';': ';', '|': '|', tab: '\t' } as const;

export type CsvDelimiterName = keyof typeof CSV_DELIMITERS;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[CsvDelimiterName];

/** RFC 4180 ends every record with CRLF, whatever the platform. */
export const CSV_LINE_END = '\r\n';

/**
 * Spreadsheets run a cell that starts with one of these as a formula (or, for tab, CR and
 * NUL, strip the lead and then do), so a member named `=HYPERLINK(...)` could attack whoever
 * opens the export. Such cells get a leading `'`, which the spreadsheet shows as text.
 * The set is OWASP ASVS 1.2.10's, with CR.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

/** One field: formula-guarded first, then quoted (with `"` doubled) only when it has to be. */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  const needsQuotes =
    safe.includes(delimiter) || safe.includes('"') || safe.includes('\r') || safe.includes('\n');
  return needsQuotes ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows to CSV text: every record, the last included, ends with CRLF; no rows give `''`. */
export function toCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  return rows
    .map((row) => row.map((value) => csvField(value, delimiter)).join(delimiter) + CSV_LINE_END)
    .join('');
}
