import type { UserGroupRecord } from '@groupkit/mock-api/core';

/** One group as a load statement read it. */
export interface CatalogGroup {
  /** Frozen, with everything in it: requests share it, and none may change it in place. */
  record: UserGroupRecord;
  /** `user_groups.member_count`: the count without its shards' deltas. */
  storedCount: number;
  /** The record's JSON, as a write's `LoadedMap` keeps it to find what changed. */
  json: string;
}

/** A project's groups in one state (`projects.groups_version`), in table order. */
export interface CatalogEntry {
  version: string;
  groups: readonly CatalogGroup[];
  /**
   * The groups by id, in table order: a read request's engine takes this map as its groups,
   * complete and never changed (a write loads its own copy, to find what it changed).
   */
  records: KeptMap<string, UserGroupRecord>;
  /** Each group's `storedCount` by id. */
  storedCounts: KeptMap<string, number>;
  /** Each group's id by slug, and by legacy id, as `EngineState` has them; never changed. */
  slugs: KeptMap<string, string>;
  legacyIds: KeptMap<number, string>;
}

/**
 * A `Map` no one may change once made: a read request's engine takes the entry's own maps
 * (no copy), and one that tried to change them would throw instead of changing them for
 * every request. A write takes a copy (`new Map(kept)`).
 */
export class KeptMap<K, V> extends Map<K, V> {
  private sealed = false;

  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [key, value] of entries) super.set(key, value);
    this.sealed = true;
  }

  private refuse(): never {
    throw new TypeError('a kept map is shared by requests and cannot be changed');
  }

  override set(key: K, value: V): this {
    if (this.sealed) this.refuse();
    return super.set(key, value);
  }

  override delete(_key: K): boolean {
    return this.refuse();
  }

  override clear(): void {
    this.refuse();
  }
}

/**
 * The user groups each project had when a request last read them, under their version.
 * Every request loads its project's groups (a session's directory is most of its answer),
 * yet they change only by admin writes. The load statement sends the version it was given
 * back with no groups when the project is still at it, so a request reuses the entry instead
 * of PostgreSQL building, and the process parsing, the same JSON again. Never stale: the
 * version is read in the request's own snapshot, and a trigger gives the project a new one
 * in the transaction that changes any of its groups (migration 0012).
 *
 * Owned by one app (one database); one entry per project, the least recently used dropped
 * past `maxProjects`.
 */
export interface GroupCatalog {
  /** The groups last kept for `projectId`, if any. */
  get(projectId: string): CatalogEntry | undefined;
  /** Keeps the groups a statement read at `version` (see `catalogEntry`) and returns them. */
  keep(
    projectId: string,
    version: string,
    groups: readonly [UserGroupRecord, number][],
  ): CatalogEntry;
}

/** `value` and everything in it, frozen. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Groups as a load statement read them, as an entry: frozen, so a request that changed a
 * shared record in place would fail loudly (a TypeError in strict code) instead of showing
 * its change to every other request.
 */
export function catalogEntry(
  version: string,
  groups: readonly [UserGroupRecord, number][],
): CatalogEntry {
  const kept = groups.map(([record, storedCount]) => ({
    record: deepFreeze(record),
    storedCount: Number(storedCount),
    json: JSON.stringify(record),
  }));
  return {
    version,
    groups: kept,
    records: new KeptMap(kept.map(({ record }) => [record.id, record])),
    storedCounts: new KeptMap(kept.map(({ record, storedCount }) => [record.id, storedCount])),
    slugs: new KeptMap(kept.map(({ record }) => [record.slug, record.id])),
    legacyIds: new KeptMap(kept.map(({ record }) => [record.legacyId, record.id])),
  };
}

/**
 * @example
 * const catalog = createGroupCatalog();
 * const known = catalog.get('demo'); // undefined until a request keeps the project's groups
 */
export function createGroupCatalog({ maxProjects = 1000 } = {}): GroupCatalog {
  const entries = new Map<string, CatalogEntry>();
  return {
    get(projectId) {
      const entry = entries.get(projectId);
      if (entry !== undefined) {
        // Most recently used last: the first key is the one to drop.
        entries.delete(projectId);
        entries.set(projectId, entry);
      }
      return entry;
    },
    keep(projectId, version, groups) {
      const entry = catalogEntry(version, groups);
      entries.delete(projectId);
      entries.set(projectId, entry);
      if (entries.size > maxProjects) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      return entry;
    },
  };
}
