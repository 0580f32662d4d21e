/** Placeholder until built: see the issue. */
export function AdminConsole() {
  return null;
}
