import { GroupsEngineError } from './errors';

/**
 * Input checks for the engine's write methods. Each throws 400 `validation_failed` naming
 * the offending field, so bad input is refused whole before anything changes.
 */
function fail(field: string, message: string): never {
  throw new GroupsEngineError('validation_failed', `${field}: ${message}`, { field });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(field, 'must be a JSON object.');
  return value;
}

/** Refuses fields the endpoint does not know: a typo must not be silently ignored. */
export function rejectUnknown(
  value: Record<string, unknown>,
  allowed: readonly string[],
  field = 'body',
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new GroupsEngineError(
        'validation_failed',
        `${field}: unknown field "${key}". Allowed: ${allowed.join(', ')}.`,
        { field: field === 'body' ? key : `${field}.${key}` },
      );
    }
  }
}

/** A UTF-16 surrogate with no partner: not text, and it would turn into U+FFFD in any export. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * A string of `min`..`max` characters, counted as code points: "🦄" is one character, not
 * the two UTF-16 units `.length` counts, so an emoji name is not cut to half its limit.
 * `hint` says in words what `pattern` wants; without it the message shows the pattern.
 */
export function expectString(
  value: unknown,
  field: string,
  {
    min = 1,
    max = 255,
    pattern,
    hint,
  }: { min?: number; max?: number; pattern?: RegExp; hint?: string } = {},
): string {
  if (typeof value !== 'string') fail(field, 'must be a string.');
  if (LONE_SURROGATE.test(value)) {
    fail(field, 'must be valid Unicode text (it holds a lone UTF-16 surrogate).');
  }
  if (value.includes('\u0000')) fail(field, NUL_MESSAGE);
  const length = codePoints(value);
  if (length < min)
    fail(field, min === 1 ? 'must not be empty.' : `must be at least ${min} characters.`);
  if (length > max) fail(field, `must be at most ${max} characters (got ${length}).`);
  if (pattern && !pattern.test(value)) fail(field, hint ?? `must match ${pattern}.`);
  return value;
}

/**
 * Why U+0000 is refused in stored text: PostgreSQL (the server's storage) cannot hold it in
 * text or JSON, so the mock refuses it too rather than accept what the server cannot keep.
 */
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000).';

export function optionalString(
  value: unknown,
  field: string,
  options?: Parameters<typeof expectString>[2],
) {
  return value === undefined ? undefined : expectString(value, field, options);
}

export function expectBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') fail(field, 'must be true or false.');
  return value;
}

export function expectInteger(
  value: unknown,
  field: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
) {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(field, 'must be an integer.');
  if (value < min || value > max) fail(field, `must be between ${min} and ${max}.`);
  return value;
}

export function expectOneOf<T extends string>(
  value: unknown,
  field: string,
  options: readonly T[],
): T {
  if (typeof value !== 'string' || !options.includes(value as T)) {
    fail(field, `must be one of ${options.map((o) => `"${o}"`).join(', ')}.`);
  }
  return value as T;
}

/** RFC 3339: date, time and an offset, as `toISOString()` and every API client writes it. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/** Whether the fields name a real instant: `Date.parse` quietly rolls Feb 30 over to Mar 2. */
function isRealDateTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year ?? 0, (month ?? 0) - 1, day);
  return (
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day &&
    [hour, offsetHour].every((h) => (h ?? 0) <= 23) &&
    [minute, second, offsetMinute].every((m) => (m ?? 0) <= 59)
  );
}

/**
 * An RFC 3339 date-time (`2026-03-12T09:00:00Z`, `2026-03-12T10:00:00+01:00`), or null.
 * Returned normalised to `toISOString()`. Anything looser (`"1"`, `"March 7"`, a date with
 * no time or zone, Feb 30) is refused: `Date.parse` would guess, and guess wrong.
 */
export function expectDateOrNull(value: unknown, field: string): string | null {
  if (value === null) return null;
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match || !isRealDateTime(match)) {
    fail(
      field,
      'must be an ISO 8601 date-time with a time zone, such as "2026-03-12T09:00:00Z", or null.',
    );
  }
  return new Date(value as string).toISOString();
}

export function expectStringArray(value: unknown, field: string, { max = 1000 } = {}): string[] {
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'string' || item.length === 0)
  ) {
    fail(field, 'must be an array of non-empty strings.');
  }
  if (value.length > max) fail(field, `must have at most ${max} items.`);
  return value as string[];
}

/** Every list's page size when none is asked for, and the most a page may hold. */
export const PAGE_SIZE = { default: 20, max: 200 } as const;

/** Page and page size from query strings: 400 for junk or out-of-range values. */
export function parsePaging(
  page: string | null | undefined,
  pageSize: string | null | undefined,
  { defaultSize = PAGE_SIZE.default, maxSize = PAGE_SIZE.max } = {},
): { page: number; pageSize: number } {
  const parse = (raw: string | null | undefined, field: string, fallback: number, max: number) => {
    if (raw === null || raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) fail(field, 'must be a positive whole number.');
    const n = Number(raw);
    if (n < 1 || n > max) fail(field, `must be between 1 and ${max}.`);
    return n;
  };
  return {
    page: parse(page, 'page', 1, 1_000_000),
    pageSize: parse(pageSize, 'page_size', defaultSize, maxSize),
  };
}
