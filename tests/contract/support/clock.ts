const DAY = 24 * 60 * 60 * 1000;

/** `days` from `now` as an ISO string (negative for the past), as the scenarios write windows. */
export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString();
}
