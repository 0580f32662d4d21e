/** Placeholder until built: see the issue. */
export function OrderedChangesPlayground() {
  return null;
}
