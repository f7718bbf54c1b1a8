/**
 * A bounded map that forgets the entries least recently used when full, in two generations (as `hashlru` does):
 * entries are written to the young generation; when it holds half the capacity it becomes the old one and the
 * previous old generation is dropped; a read found in the old generation moves the entry back to the young one.
 * Reads of young entries cost one `Map.get` (an exact LRU deletes and re-inserts on every hit, which in a map of
 * thousands of string keys costs more than the lookup itself: it showed in the server's profile). Holds at most
 * `maxEntries`; an entry survives at least `maxEntries / 2` insertions of others after its last use.
 * Internal helper (not exported from the package).
 */
export class LruMap<K, V> {
  readonly #half: number;
  /** A capacity of one keeps no old generation (it would hold a second entry). */
  readonly #keepOld: boolean;
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.#half = Math.max(1, Math.floor(maxEntries / 2));
    this.#keepOld = maxEntries >= 2;
  }

  /** Number of entries held. */
  get size(): number {
    let size = this.#young.size;
    for (const key of this.#old.keys()) if (!this.#young.has(key)) size++;
    return size;
  }

  /** The value for `key` (marking it recently used), or undefined. */
  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.#insert(key, old);
    return old;
  }

  /** Whether `key` is held, without touching its recency. */
  has(key: K): boolean {
    return this.#young.has(key) || this.#old.has(key);
  }

  /** Stores `value` under `key` as recently used, forgetting the old generation when the young one is full. */
  set(key: K, value: V): void {
    if (this.#young.has(key)) this.#young.set(key, value);
    else this.#insert(key, value);
    this.#old.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }

  #insert(key: K, value: V): void {
    if (this.#young.size >= this.#half) {
      this.#old = this.#keepOld ? this.#young : new Map();
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
