/**
 * Reads a `Retry-After` header as seconds from `now`: either delay-seconds (`"2"`) or an
 * HTTP-date (`"Wed, 21 Oct 2026 07:28:00 GMT"`). A date in the past means "now" (0). Anything
 * unreadable is ignored (`undefined`) rather than thrown: a bad header must not hide the error
 * it came with.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
