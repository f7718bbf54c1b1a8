import type { CatalogEntry } from './photo-catalog.js';
import { comparePhotoPriority } from './photo-priority.js';

/**
 * Catalog entries kept sorted in fetch order ({@link comparePhotoPriority}), with O(log n) search and membership by
 * hash: the transfer keeps the photos it needs, and those some peer holds, in two of them, so a scheduling pass looks
 * only at photos it can fetch now, however many are waiting.
 */
export class PriorityList {
  readonly #bucketMs: number;
  readonly #entries: CatalogEntry[] = [];
  readonly #hashes = new Set<string>();

  /** @param bucketMs - the age bucket of the order. */
  constructor(bucketMs: number) {
    this.#bucketMs = bucketMs;
  }

  /** Number of entries. */
  get size(): number {
    return this.#entries.length;
  }

  /** True when the photo is listed. */
  has(sha256: string): boolean {
    return this.#hashes.has(sha256);
  }

  /** The entries in fetch order (do not modify). */
  entries(): readonly CatalogEntry[] {
    return this.#entries;
  }

  /** The place of a listed photo in the order, or -1. */
  rankOf(entry: CatalogEntry): number {
    if (!this.#hashes.has(entry.ref.sha256)) return -1;
    const at = this.#search(entry);
    return this.#entries[at] === entry ? at : this.#entries.indexOf(entry);
  }

  /** Adds an entry where it belongs (no-op when listed). */
  insert(entry: CatalogEntry): void {
    if (this.#hashes.has(entry.ref.sha256)) return;
    this.#entries.splice(this.#search(entry), 0, entry);
    this.#hashes.add(entry.ref.sha256);
  }

  /** Removes the photo (no-op when not listed). */
  remove(entry: CatalogEntry): void {
    if (!this.#hashes.delete(entry.ref.sha256)) return;
    const at = this.#search(entry);
    const index = this.#entries[at] === entry ? at : this.#entries.indexOf(entry);
    if (index >= 0) this.#entries.splice(index, 1);
  }

  /** The first index whose entry does not come before `entry`. */
  #search(entry: CatalogEntry): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePhotoPriority(this.#entries[mid]!, entry, this.#bucketMs) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
