import { z } from 'zod';
import { HEX_SHA256_PATTERN } from './common.js';

/** Largest photo accepted: 20 MB. */
export const MAX_PHOTO_BYTES = 20_000_000;

/** Highest page number of a photo. Internal (shared with the schema-free body check). */
export const MAX_PHOTO_PAGE = 99;

/** Image types a photo may have. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A reference to one photographed page of the C.Hasil: the photo's bytes travel separately, by hash. */
export const photoRefSchema = z.strictObject({
  /** Lowercase hex SHA-256 of the photo bytes. */
  sha256: z.string().regex(HEX_SHA256_PATTERN, 'expected 64 lowercase hex digits'),
  /** Page of the form the photo shows, from 1. */
  page: z.int().min(1).max(MAX_PHOTO_PAGE),
  /** Size of the photo in bytes. */
  size: z.int().min(1).max(MAX_PHOTO_BYTES),
  type: z.enum(PHOTO_TYPES),
});

/** A photo reference: hash, page, size and type. */
export type PhotoRef = z.infer<typeof photoRefSchema>;
