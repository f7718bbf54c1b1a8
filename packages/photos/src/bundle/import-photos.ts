import type { BundleBlob } from '@titip/sync';
import { CHUNK_SIZE } from '../constants.js';
import { ChunkVerificationError, PhotoError, UnreferencedPhotoError, type PhotoErrorCode } from '../errors.js';
import type { BlobStore } from '../store/blob-store.js';
import { chunkCount, chunkLength, chunkOffset } from '../store/chunk-layout.js';
import type { PhotoBlobRef } from '../store/photo-types.js';
import { chainStates } from '../store/sha256-chain.js';

/** A photo of a bundle that {@link importPhotos} did not store, with the typed error that refused it. */
export interface PhotoRefusal {
  readonly sha256: string;
  /** Bytes the bundle carried for it. */
  readonly bytes: number;
  /** `PHOTO_UNREFERENCED` (no signed submission references it), `CHUNK_INVALID` (damaged or not the signed photo), `PHOTO_OVER_BUDGET`, … */
  readonly code: PhotoErrorCode;
  readonly message: string;
}

/** What {@link importPhotos} did. */
export interface PhotoImportResult {
  /** Photos verified and stored now. */
  readonly accepted: readonly PhotoBlobRef[];
  /** Photos the store held whole already (stored once). */
  readonly alreadyHeld: readonly PhotoBlobRef[];
  /** Photos not stored; nothing else of the bundle is affected by them. */
  readonly refused: readonly PhotoRefusal[];
}

/**
 * Stores the photos of a bundle's blob section, each only when a signed submission references it: `expected` gives
 * the reference (hash, size, type) of every photo the importing peer's validated submissions name, those it held and
 * those the same bundle brought (build it after importing the bundle's objects). A photo no reference names is
 * refused (`PHOTO_UNREFERENCED`: no storage for strangers). Every other photo is verified chunk by chunk through the
 * same {@link BlobStore.putChunk} as on the network path, from the last chunk down, each against the signed hash and
 * size via the SHA-256 chaining states, so a damaged or substituted photo is refused (`CHUNK_INVALID`) and the
 * chunks of a photo the store held in part are completed, not written again. Photos are stored as others' photos
 * (`own: false`, under the store's budget). Refusals are per photo: one bad photo costs nothing else.
 * @throws store failures only (photos stored before one stay stored; importing again completes the rest).
 */
export async function importPhotos(
  blobs: BlobStore,
  section: readonly BundleBlob[],
  expected: ReadonlyMap<string, PhotoBlobRef> | ((sha256: string) => PhotoBlobRef | undefined),
): Promise<PhotoImportResult> {
  const lookup = typeof expected === 'function' ? expected : (sha256: string) => expected.get(sha256);
  const accepted: PhotoBlobRef[] = [];
  const alreadyHeld: PhotoBlobRef[] = [];
  const refused: PhotoRefusal[] = [];
  for (const blob of section) {
    const ref = lookup(blob.sha256);
    const refuse = (error: PhotoError) => refused.push({ sha256: blob.sha256, bytes: blob.bytes.length, code: error.code, message: error.message });
    if (ref === undefined || ref.sha256 !== blob.sha256) {
      refuse(new UnreferencedPhotoError(blob.sha256));
      continue;
    }
    if (blobs.has(ref.sha256)) {
      alreadyHeld.push(ref);
      continue;
    }
    try {
      await storeVerified(blobs, ref, blob.bytes);
      accepted.push(ref);
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      refuse(error);
    }
  }
  return { accepted, alreadyHeld, refused };
}

/** Stores one photo chunk by chunk, last first, each verified by the store against `ref`. */
async function storeVerified(blobs: BlobStore, ref: PhotoBlobRef, bytes: Uint8Array): Promise<void> {
  const count = chunkCount(ref.size);
  if (bytes.length !== ref.size) {
    throw new ChunkVerificationError(ref.sha256, count - 1, 'length', `the bundle carries ${bytes.length} bytes, the signed reference says ${ref.size}`);
  }
  const { states } = chainStates(bytes, CHUNK_SIZE);
  for (let index = count - 1; index >= 0; index--) {
    const data = bytes.subarray(chunkOffset(index), chunkOffset(index) + chunkLength(ref.size, index));
    await blobs.putChunk(ref, { index, state: states[index]!, data });
  }
  if (blobs.isDropped(ref.sha256)) await blobs.clearDropped(ref.sha256); // brought on purpose: held again, not "dropped"
}
