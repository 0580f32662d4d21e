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

export function expectString(
  value: unknown,
  field: string,
  { min = 1, max = 255, pattern }: { min?: number; max?: number; pattern?: RegExp } = {},
): string {
  if (typeof value !== 'string') fail(field, 'must be a string.');
  if (value.length < min)
    fail(field, min === 1 ? 'must not be empty.' : `must be at least ${min} characters.`);
  if (value.length > max) fail(field, `must be at most ${max} characters (got ${value.length}).`);
  if (pattern && !pattern.test(value)) fail(field, `must match ${pattern}.`);
  return value;
}

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

/** An ISO 8601 date-time, or null. Returned normalised to `toISOString()`. */
export function expectDateOrNull(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    fail(field, 'must be an ISO 8601 date-time such as "2026-03-12T09:00:00Z", or null.');
  }
  return new Date(value).toISOString();
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

/** Page and page size from query strings: 400 for junk or out-of-range values. */
export function parsePaging(
  page: string | null | undefined,
  pageSize: string | null | undefined,
  { defaultSize = 20, maxSize = 200 } = {},
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
