import type { CatalogEntry } from './photo-catalog.js';

/** Default width of the age buckets of {@link comparePhotoPriority}: 10 minutes. */
export const DEFAULT_PRIORITY_BUCKET_MS = 10 * 60 * 1000;

/**
 * Orders photos for fetching: older submissions first, then smaller photos first. Ages are compared in buckets of
 * `bucketMs` (signing times a few seconds apart are "the same age", so size decides among them); within a bucket and
 * size, the older signing time, then the hash, decide (a total, deterministic order).
 */
export function comparePhotoPriority(a: CatalogEntry, b: CatalogEntry, bucketMs = DEFAULT_PRIORITY_BUCKET_MS): number {
  const bucketA = Math.floor(a.signedAt / bucketMs);
  const bucketB = Math.floor(b.signedAt / bucketMs);
  if (bucketA !== bucketB) return bucketA - bucketB;
  if (a.ref.size !== b.ref.size) return a.ref.size - b.ref.size;
  if (a.signedAt !== b.signedAt) return a.signedAt - b.signedAt;
  return a.ref.sha256 < b.ref.sha256 ? -1 : a.ref.sha256 > b.ref.sha256 ? 1 : 0;
}
