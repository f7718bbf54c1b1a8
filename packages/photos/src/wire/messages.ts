import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '@titip/records';
import { z } from 'zod';
import { CHUNK_SIZE, MAX_CHUNKS_PER_WANT, MAX_PHOTOS_PER_MESSAGE, PHOTO_WIRE_VERSION } from '../constants.js';

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected a byte string');
/** A photo named by its SHA-256 (32 bytes on the wire, lowercase hex in the API). */
const photo = bytes.refine((b) => b.byteLength === 32, 'a photo hash is 32 bytes');
const state = bytes.refine((b) => b.byteLength === 32, 'a chaining state is 32 bytes');
const maxChunks = Math.ceil(MAX_PHOTO_BYTES / CHUNK_SIZE);
const chunkIndex = z.int().min(0).max(maxChunks - 1);
const version = z.literal(PHOTO_WIRE_VERSION);

/** Client → server: which of these photos do you hold? Answered by `have`. */
export const askMessageSchema = z.strictObject({
  t: z.literal('ask'),
  v: version,
  photos: z.array(photo).min(1).max(MAX_PHOTOS_PER_MESSAGE),
});

/** Client → server: send me these chunks of one photo, in this order (highest first is the order they verify in). */
export const wantMessageSchema = z.strictObject({
  t: z.literal('want'),
  v: version,
  photo,
  chunks: z
    .array(chunkIndex)
    .min(1)
    .max(MAX_CHUNKS_PER_WANT)
    .refine((c) => new Set(c).size === c.length, 'chunk indices are unique'),
});

/**
 * Server → client: what I hold of each photo: `from` is the lowest chunk index held (chunks `from` to the last are
 * held; 0 = the whole photo), null = nothing. Sent in answer to `ask`, after a `want` it could not fully serve, and
 * whenever its holding of a photo the client asked about grows.
 */
export const haveMessageSchema = z.strictObject({
  t: z.literal('have'),
  v: version,
  photos: z.array(z.tuple([photo, chunkIndex.nullable()])).min(1).max(MAX_PHOTOS_PER_MESSAGE),
});

/** Server → client: the photo as the server holds it, sent before its first chunk on a channel. */
export const manifestMessageSchema = z.strictObject({
  t: z.literal('manifest'),
  v: version,
  photo,
  size: z.int().min(1).max(MAX_PHOTO_BYTES),
  type: z.enum(PHOTO_TYPES),
  chunkSize: z.int().min(64),
  from: chunkIndex,
});

/** Server → client: one chunk, with the SHA-256 chaining state before it. */
export const chunkMessageSchema = z.strictObject({
  t: z.literal('chunk'),
  v: version,
  photo,
  index: chunkIndex,
  state,
  data: bytes.refine((b) => b.byteLength >= 1 && b.byteLength <= CHUNK_SIZE, `chunk data is 1 to ${CHUNK_SIZE} bytes`),
});

/** Either side: your last message was refused and why; the channel closes after it. */
export const rejectMessageSchema = z.strictObject({
  t: z.literal('reject'),
  v: version,
  reason: z.string().max(64),
  detail: z.string().max(1024),
});

/** Every message of `/titip/photos/1.0.0`, discriminated by `t`. */
export const photoMessageSchema = z.discriminatedUnion('t', [
  askMessageSchema,
  wantMessageSchema,
  haveMessageSchema,
  manifestMessageSchema,
  chunkMessageSchema,
  rejectMessageSchema,
]);

/** An `ask` message. */
export type AskMessage = z.infer<typeof askMessageSchema>;
/** A `want` message. */
export type WantMessage = z.infer<typeof wantMessageSchema>;
/** A `have` message. */
export type HaveMessage = z.infer<typeof haveMessageSchema>;
/** A `manifest` message. */
export type ManifestMessage = z.infer<typeof manifestMessageSchema>;
/** A `chunk` message. */
export type ChunkMessage = z.infer<typeof chunkMessageSchema>;
/** A `reject` message. */
export type PhotoRejectMessage = z.infer<typeof rejectMessageSchema>;
/** A message of the photo protocol. */
export type PhotoMessage = z.infer<typeof photoMessageSchema>;
