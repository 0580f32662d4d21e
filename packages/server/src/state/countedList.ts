/**
 * A list of which a request loaded only some items, and the count of all of them: a popular
 * shared code's redemptions, where a redemption needs the count (is the code used up?) and
 * the caller's own (did this user redeem it before?), never the tens of thousands of others.
 *
 * It answers what those questions read: `length` (the count, plus what the request added),
 * `some` and `filter` over the loaded items (only ever asked about the users the route
 * loaded), `push`, and `toJSON` (the loaded and added items: what `LoadedMap` compares to find
 * changes, and what a write's diff reads). Anything else (iterating, indexing, sorting) would
 * answer from a part as if it were the whole, so it throws, as `LoadedMap` does for a key the
 * route did not load: a route that needs the whole list must load it whole.
 */
export function countedList<T>(loaded: readonly T[], count: number, label: string): T[] {
  const items = [...loaded];
  const base = count - items.length;
  const allowed = {
    some: items.some.bind(items),
    filter: items.filter.bind(items),
    push: items.push.bind(items),
    toJSON: () => items,
  };
  return new Proxy(items, {
    get(target, property, receiver) {
      if (property === 'length') return base + target.length;
      if (typeof property === 'string' && Object.hasOwn(allowed, property)) {
        return allowed[property as keyof typeof allowed];
      }
      // Read by JSON.stringify and console.log, not by the engine: a plain answer is harmless.
      if (property === Symbol.toStringTag) return Reflect.get(target, property, receiver);
      throw new Error(
        `state not loaded: every item of ${label} (only ${items.length} of ${base + target.length} loaded; a route's LoadSpec misses it)`,
      );
    },
  });
}
