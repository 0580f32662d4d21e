/**
 * A `Map` that knows which keys were loaded from the database. The engine reads its state
 * through ordinary Map calls; reading a key (or iterating) that the request did not load
 * throws instead of answering "not found", so a route that asks for too little data fails
 * loudly in the contract suite rather than answering wrongly in production.
 */
export class LoadedMap<K, V> extends Map<K, V> {
  // Each made on first use: a request makes seventeen of these maps and loads into a few.
  /** Keys looked up, found or not. */
  private known: Set<K> | undefined;
  private complete = false;
  /** JSON of each loaded value as it was read, to find what a request changed. */
  private original: Map<K, string> | undefined;
  /** Loaded values that cannot change in place (frozen): unchanged while still held. */
  private frozen: Map<K, V> | undefined;

  /**
   * @param label what the map holds, for "not loaded" errors
   * @param track remember each loaded value's JSON for `changes()`: a write's maps do, a
   *   read's skip it (a member list reads thousands of users and writes nothing)
   */
  constructor(
    private readonly label: string,
    private readonly track = true,
  ) {
    super();
  }

  /** Records that `keys` were looked up, whether or not a row was found. */
  markLoaded(keys: Iterable<K>): void {
    const known = (this.known ??= new Set());
    for (const key of keys) known.add(key);
  }

  /** Every row of the table is loaded: iteration and any key are answerable. */
  markComplete(): void {
    this.complete = true;
  }

  isLoaded(key: K): boolean {
    return this.complete || (this.known?.has(key) ?? false);
  }

  /**
   * Puts a row read from the database (not a change).
   * @param json the value's JSON when the caller has it already: a kept group's, which is
   *   frozen throughout (`catalogEntry`), so it is unchanged for as long as it is held
   */
  fill(key: K, value: V, json?: string): void {
    (this.known ??= new Set()).add(key);
    if (this.track) {
      (this.original ??= new Map()).set(key, json ?? JSON.stringify(value));
      if (json !== undefined && Object.isFrozen(value)) (this.frozen ??= new Map()).set(key, value);
    }
    super.set(key, value);
  }

  private need(key: K): void {
    if (!this.isLoaded(key)) {
      throw new Error(
        `state not loaded: ${this.label} "${String(key)}" (a route's LoadSpec misses it)`,
      );
    }
  }

  private needAll(): void {
    if (!this.complete) {
      throw new Error(`state not loaded: every ${this.label} (a route's LoadSpec misses it)`);
    }
  }

  override get(key: K): V | undefined {
    this.need(key);
    return super.get(key);
  }

  override has(key: K): boolean {
    this.need(key);
    return super.has(key);
  }

  override set(key: K, value: V): this {
    (this.known ??= new Set()).add(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.need(key);
    return super.delete(key);
  }

  override get size(): number {
    this.needAll();
    return super.size;
  }

  override keys(): MapIterator<K> {
    this.needAll();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.needAll();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.needAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.needAll();
    super.forEach(callback, thisArg);
  }

  override clear(): void {
    throw new Error(`${this.label}: clear() is not supported on request state`);
  }

  /** A loaded value as it was read (a copy), or undefined for a key with no row. */
  originalOf(key: K): V | undefined {
    const json = this.original?.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as V);
  }

  /**
   * What the request changed: keys set to a new or different value, and loaded keys now
   * gone. Compared by JSON, so in-place edits of a record (a code's redemptions) count too.
   */
  changes(): { upserted: [K, V][]; deleted: K[] } {
    if (!this.track) throw new Error(`${this.label}: a read-only request has no changes`);
    const upserted: [K, V][] = [];
    for (const [key, value] of super.entries()) {
      // The frozen value it was loaded with, still: nothing can have changed it, so a write
      // need not serialize every group of its project to find it did not.
      if (this.frozen?.get(key) === value) continue;
      if (this.original?.get(key) !== JSON.stringify(value)) upserted.push([key, value]);
    }
    const deleted = [...(this.original?.keys() ?? [])].filter((key) => !super.has(key));
    return { upserted, deleted };
  }
}
