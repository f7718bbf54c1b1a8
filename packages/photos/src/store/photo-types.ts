import type { PhotoRef } from '@titip/records';

/** An image type a photo may have (`PHOTO_TYPES` of `@titip/records`). */
export type PhotoType = PhotoRef['type'];

/** What names a photo's bytes: the signed hash, size and type of a `PhotoRef`, without the page. */
export type PhotoBlobRef = Pick<PhotoRef, 'sha256' | 'size' | 'type'>;

/** One chunk of a photo as stored and sent: its index, the SHA-256 chaining state before it, and its bytes. */
export interface PhotoChunk {
  readonly index: number;
  /** The 32-byte SHA-256 chaining state after the chunks before this one. */
  readonly state: Uint8Array;
  readonly data: Uint8Array;
}

/** What a {@link BlobStore} holds of one photo. */
export interface PhotoInfo {
  readonly sha256: string;
  readonly size: number;
  readonly type: PhotoType;
  /** Authored on this device (never counted against the budget, never evicted). */
  readonly own: boolean;
  /** Number of chunks of the whole photo. */
  readonly chunks: number;
  /** Lowest chunk index held: chunks `from` … `chunks - 1` are held; 0 when the photo is complete. */
  readonly from: number;
  /** Bytes held. */
  readonly heldBytes: number;
  readonly complete: boolean;
  /** Arrival order in this store (eviction takes the lowest first). */
  readonly seq: number;
  /** This store's clock when its first chunk arrived (ms). */
  readonly storedAt: number;
}

/** Why a photo left the store. */
export type DropReason = 'budget';

/** A photo of another author that was evicted: the store remembers it and does not fetch it again by itself. */
export interface DroppedPhoto {
  readonly sha256: string;
  readonly size: number;
  readonly type: PhotoType;
  /** Bytes it held when it was dropped. */
  readonly heldBytes: number;
  readonly reason: DropReason;
  /** This store's clock when it was dropped (ms). */
  readonly droppedAt: number;
}

/** Space used by a {@link BlobStore}. */
export interface BlobUsage {
  /** Bytes of photos authored here. */
  readonly ownBytes: number;
  /** Bytes of photos (whole or partial) of other authors: what the budget caps. */
  readonly othersBytes: number;
  /** The cap on `othersBytes` (Infinity when none). */
  readonly budgetBytes: number;
  /** Photos held completely. */
  readonly complete: number;
  /** Photos held in part. */
  readonly partial: number;
  /** Photos dropped for the budget and remembered. */
  readonly dropped: number;
}

/** A change in a {@link BlobStore}. */
export type BlobStoreEvent =
  | { readonly type: 'chunk'; readonly info: PhotoInfo; readonly index: number }
  | { readonly type: 'complete'; readonly info: PhotoInfo }
  | { readonly type: 'dropped'; readonly photo: DroppedPhoto }
  /** Dropped photos forgotten by `clearDropped`: they may be fetched again. */
  | { readonly type: 'cleared'; readonly photos: readonly string[] };
