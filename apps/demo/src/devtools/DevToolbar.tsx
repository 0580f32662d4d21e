/** Placeholder until built: see the issue. */
export function DevToolbar() {
  return null;
}
