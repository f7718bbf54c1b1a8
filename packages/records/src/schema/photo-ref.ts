import { z } from 'zod';

/** Largest photo accepted: 20 MB. */
export const MAX_PHOTO_BYTES = 20_000_000;

/** Image types a photo may have. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A reference to one photographed page of the C.Hasil: the photo's bytes travel separately, by hash. */
export const photoRefSchema = z.strictObject({
  /** Lowercase hex SHA-256 of the photo bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
  /** Page of the form the photo shows, from 1. */
  page: z.int().min(1).max(99),
  /** Size of the photo in bytes. */
  size: z.int().min(1).max(MAX_PHOTO_BYTES),
  type: z.enum(PHOTO_TYPES),
});

/** A photo reference: hash, page, size and type. */
export type PhotoRef = z.infer<typeof photoRefSchema>;
