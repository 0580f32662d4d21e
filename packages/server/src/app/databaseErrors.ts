/**
 * Whether an error means "the database cannot be reached right now" (connection refused
 * or dropped, server shutting down, no pooled connection in time, statement timed out),
 * as opposed to a bug. These become 503 `database_unavailable` with `Retry-After`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      // Class 08: connection exceptions; 57P01-03: admin shutdown, crash, cannot connect now;
      // 57014: statement timeout (a slow database); 53300: too many connections.
      if (
        code.startsWith('08') ||
        /^57P0[123]$/.test(code) ||
        code === '57014' ||
        code === '53300'
      ) {
        return true;
      }
      if (
        ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
          code,
        )
      ) {
        return true;
      }
    }
    if (
      typeof message === 'string' &&
      /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
        message,
      )
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
