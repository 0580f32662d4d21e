import type { KeyOwner } from './keys';

export interface KeyCacheOptions {
  /** Keys held at most; the oldest entry goes first. @default 1000 */
  maxEntries?: number;
  /** Ms an entry is used for before the key is looked up again. @default 30000 */
  ttlMs?: number;
  /** @default performance.now */
  now?: () => number;
}

/**
 * Found API keys by hash, in this process, so a request skips the key lookup round trip.
 * Safe because a cached owner is never trusted on its own: every request that loads state
 * reads the key and its project again in its load statement (`loadRows`) and reruns from a
 * fresh lookup when they differ, and a request that answers without loading is rerun from a
 * fresh lookup too (`runApiRequest`). So a revoked key, or a project whose identity settings
 * changed, takes effect at the next request as without the cache; the TTL and the bound
 * only keep the memory small and entries fresh. Unknown keys are not cached (a flood of
 * made-up keys cannot fill it).
 */
export function createKeyCache({
  maxEntries = 1000,
  ttlMs = 30_000,
  now = () => performance.now(),
}: KeyCacheOptions = {}) {
  const entries = new Map<string, { owner: KeyOwner; until: number }>();
  return {
    get(keyHash: string): KeyOwner | undefined {
      const entry = entries.get(keyHash);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(keyHash);
        return undefined;
      }
      return entry.owner;
    },
    set(owner: KeyOwner): void {
      entries.delete(owner.keyHash);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(owner.keyHash, { owner, until: now() + ttlMs });
    },
    delete(keyHash: string): void {
      entries.delete(keyHash);
    },
    get size() {
      return entries.size;
    },
  };
}

export type KeyCache = ReturnType<typeof createKeyCache>;
