const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` value (the browser's time zone); `''` for none. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO instant; `null` when empty. */
export function fromLocalInput(value: string): string | null {
  return value === '' ? null : new Date(value).toISOString();
}

/** A short, readable date and time in the browser's locale. */
export function formatInstant(iso: string | null): string {
  return iso === null
    ? '—'
    : new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "from … until …" for a window; "always" when it has neither end. */
export function formatWindow(startsAt: string | null, stopsAt: string | null): string {
  if (!startsAt && !stopsAt) return 'always';
  if (!stopsAt) return `from ${formatInstant(startsAt)}`;
  if (!startsAt) return `until ${formatInstant(stopsAt)}`;
  return `${formatInstant(startsAt)} – ${formatInstant(stopsAt)}`;
}
