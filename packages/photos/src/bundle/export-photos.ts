import type { BundleBlob } from '@titip/sync';
import { PhotoCorruptError } from '../errors.js';
import type { BlobStore } from '../store/blob-store.js';
import type { PhotoBlobRef } from '../store/photo-types.js';
import type { CatalogEntry } from '../transfer/photo-catalog.js';
import { comparePhotoPriority } from '../transfer/photo-priority.js';

/** Why {@link exportPhotos} left a referenced photo out of a bundle. */
export type PhotoLeftOutReason =
  /** The receiver holds it (its have file lists it). */
  | 'held-by-receiver'
  /** This device does not hold it whole (never fetched, partial, or dropped for the budget). */
  | 'not-held'
  /** Its stored bytes no longer hash to its name (a damaged disk): it is never exported. */
  | 'corrupt'
  /** It did not fit the size cap after the photos of older results. */
  | 'cap';

/** A photo {@link exportPhotos} did not write, and why. */
export interface PhotoLeftOut extends PhotoBlobRef {
  readonly reason: PhotoLeftOutReason;
}

/** Options of {@link exportPhotos}. */
export interface ExportPhotosOptions {
  /** Cap on the bytes of photos written (their data; each costs 36 more bytes of framing). @default no cap */
  readonly maxBytes?: number;
  /** Photos the receiver holds already (sha256): left out. */
  readonly heldByReceiver?: ReadonlySet<string>;
}

/** The photos chosen for a bundle by {@link exportPhotos}. */
export interface ExportedPhotos {
  /** The blob section to write (`exportBundle(replica, { blobs })`), in priority order. */
  readonly blobs: readonly BundleBlob[];
  /** What each blob is, in the same order. */
  readonly photos: readonly PhotoBlobRef[];
  /** Bytes of photo data in `blobs`. */
  readonly bytes: number;
  /** Referenced photos not written, in priority order. */
  readonly leftOut: readonly PhotoLeftOut[];
}

/**
 * Chooses and reads the photos of a bundle: of the photos `entries` reference (a {@link PhotoCatalog} of the exported
 * submissions), the ones `blobs` holds whole, verified against their hash as read, in the network's priority order
 * (older results first, then smaller photos: {@link comparePhotoPriority}). With `maxBytes`, photos are taken in that
 * order while they fit and the first one that does not fit ends the selection, so a capped bundle always carries the
 * photos of the oldest results, as the network would have delivered them first. Whole photos only.
 * @throws errors of the underlying store (a read failure); a damaged photo is only left out (`corrupt`).
 */
export async function exportPhotos(blobs: BlobStore, entries: readonly CatalogEntry[], options: ExportPhotosOptions = {}): Promise<ExportedPhotos> {
  const maxBytes = options.maxBytes ?? Infinity;
  const section: BundleBlob[] = [];
  const photos: PhotoBlobRef[] = [];
  const leftOut: PhotoLeftOut[] = [];
  let bytes = 0;
  let capped = false;
  for (const entry of [...entries].sort((a, b) => comparePhotoPriority(a, b))) {
    const { ref } = entry;
    if (options.heldByReceiver?.has(ref.sha256)) {
      leftOut.push({ ...ref, reason: 'held-by-receiver' });
      continue;
    }
    if (!blobs.has(ref.sha256) || blobs.info(ref.sha256)?.size !== ref.size) {
      leftOut.push({ ...ref, reason: 'not-held' });
      continue;
    }
    if (capped || bytes + ref.size > maxBytes) {
      capped = true;
      leftOut.push({ ...ref, reason: 'cap' });
      continue;
    }
    let data: Uint8Array | undefined;
    try {
      data = await blobs.get(ref.sha256);
    } catch (error) {
      if (!(error instanceof PhotoCorruptError)) throw error;
      leftOut.push({ ...ref, reason: 'corrupt' });
      continue;
    }
    if (data === undefined) {
      leftOut.push({ ...ref, reason: 'not-held' }); // evicted meanwhile
      continue;
    }
    section.push({ sha256: ref.sha256, bytes: data });
    photos.push(ref);
    bytes += data.length;
  }
  return { blobs: section, photos, bytes, leftOut };
}
