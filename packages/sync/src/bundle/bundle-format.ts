import { MAX_PHOTO_BYTES } from '@titip/records';
import { DEFAULT_MAX_OBJECT_BYTES } from '../replication/constants.js';

/**
 * The first 10 bytes of every bundle file: `89 54 49 54 49 50 0D 0A 1A 0A` ("\x89TITIP\r\n\x1a\n"). As in PNG, the
 * high byte and the CR LF / LF pair make a transfer that alters text (7-bit, newline conversion) fail at once.
 */
export const BUNDLE_MAGIC: Uint8Array = Uint8Array.of(0x89, 0x54, 0x49, 0x54, 0x49, 0x50, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * The newest format version this code writes and reads: 2 adds a blob section (photos) after the objects. A bundle
 * without blobs is still written as version 1, byte for byte as before, so peers that only read version 1 read it.
 */
export const BUNDLE_VERSION = 2;

/** The oldest format version this code reads (objects only). */
export const MIN_BUNDLE_VERSION = 1;

/** Bytes before a blob's data: the SHA-256 it claims (32) and its length (u32). */
export const BUNDLE_BLOB_PREFIX_BYTES = 32 + 4;

/** Default limit of blobs in a bundle on import. */
export const DEFAULT_MAX_BUNDLE_BLOBS = 100_000;

/** Default limit of one blob in a bundle: the largest photo a submission may reference (`MAX_PHOTO_BYTES`, 20 MB). */
export const DEFAULT_MAX_BUNDLE_BLOB_BYTES = MAX_PHOTO_BYTES;

/** Bytes before the header: magic (10), version (u16), total length (u32), header length (u32). */
export const BUNDLE_PREFIX_BYTES = BUNDLE_MAGIC.length + 2 + 4 + 4;

/** Bytes of the SHA-256 trailer. */
export const BUNDLE_TRAILER_BYTES = 32;

/** Largest header accepted: 64 KiB (a header is ~100 bytes). */
export const MAX_BUNDLE_HEADER_BYTES = 65_536;

/** Largest file the format can describe (its length is a u32). */
export const MAX_BUNDLE_FORMAT_BYTES = 0xffff_ffff;

/** Default byte limit of a bundle on import: 256 MiB (a kabupaten of results is a few MiB). */
export const DEFAULT_MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** Default object-count limit of a bundle on import. */
export const DEFAULT_MAX_BUNDLE_OBJECTS = 200_000;

/** Default limit of one object in a bundle: the replica's default object limit (64 KiB). */
export const DEFAULT_MAX_BUNDLE_OBJECT_BYTES = DEFAULT_MAX_OBJECT_BYTES;

/** Limits applied when reading a bundle. */
export interface BundleLimits {
  /** Refuse files longer than this, before reading anything else. @default 256 MiB */
  readonly maxBytes?: number;
  /** Refuse bundles announcing more objects than this. @default 200,000 */
  readonly maxObjects?: number;
  /** Refuse any object longer than this. @default 64 KiB */
  readonly maxObjectBytes?: number;
  /** Refuse bundles announcing more blobs than this. @default 100,000 */
  readonly maxBlobs?: number;
  /** Refuse any blob longer than this. @default 20 MB (`MAX_PHOTO_BYTES`) */
  readonly maxBlobBytes?: number;
}

/** A document id in a bundle entry: a region code of 2–13 digits, like the wire protocol's. */
export const BUNDLE_DOC_ID_PATTERN = /^\d{2,13}$/;
