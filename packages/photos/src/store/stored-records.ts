import { PHOTO_TYPES, MAX_PHOTO_BYTES } from '@titip/records';
import { decode, encode } from 'cborg';
import { z } from 'zod';

const decodeOptions = {
  strict: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  rejectDuplicateMapKeys: true,
  useMaps: false,
} as const;

const manifestRecordSchema = z.strictObject({
  v: z.literal(1),
  size: z.int().min(1).max(MAX_PHOTO_BYTES),
  type: z.enum(PHOTO_TYPES),
  from: z.int().min(0),
  own: z.boolean(),
  seq: z.int().min(0),
  at: z.number(),
});

const tombstoneRecordSchema = z.strictObject({
  v: z.literal(1),
  size: z.int().min(1).max(MAX_PHOTO_BYTES),
  type: z.enum(PHOTO_TYPES),
  held: z.int().min(0),
  reason: z.enum(['budget']),
  at: z.number(),
});

/** The stored manifest of a photo (key `m/<sha256>`): what is held and since when. */
export type ManifestRecord = z.infer<typeof manifestRecordSchema>;

/** The stored memory of a dropped photo (key `x/<sha256>`). */
export type TombstoneRecord = z.infer<typeof tombstoneRecordSchema>;

/** CBOR of a manifest record. */
export function encodeManifest(record: ManifestRecord): Uint8Array {
  return encode(record);
}

/** Decodes a manifest record; undefined when the bytes are not one. */
export function decodeManifest(bytes: Uint8Array): ManifestRecord | undefined {
  return parse(manifestRecordSchema, bytes);
}

/** CBOR of a tombstone record. */
export function encodeTombstone(record: TombstoneRecord): Uint8Array {
  return encode(record);
}

/** Decodes a tombstone record; undefined when the bytes are not one. */
export function decodeTombstone(bytes: Uint8Array): TombstoneRecord | undefined {
  return parse(tombstoneRecordSchema, bytes);
}

function parse<T>(schema: z.ZodType<T>, bytes: Uint8Array): T | undefined {
  try {
    const parsed = schema.safeParse(decode(bytes, decodeOptions));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
