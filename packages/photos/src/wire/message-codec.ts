import { decode, encode } from 'cborg';
import { PHOTO_MAX_FRAME_BYTES, PHOTO_WIRE_VERSION } from '../constants.js';
import { PhotoWireError, PhotoWireVersionError } from '../errors.js';
import { photoMessageSchema, type PhotoMessage } from './messages.js';

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

/** Encodes a photo protocol message as CBOR (one frame's payload; the length prefix is the channel's). */
export function encodePhotoMessage(message: PhotoMessage): Uint8Array {
  return encode(message);
}

/**
 * Decodes and validates one frame of the photo protocol.
 * @throws {PhotoWireError} for anything but a well-formed message (oversized, not CBOR, wrong shape).
 * @throws {PhotoWireVersionError} for a message of another version.
 */
export function decodePhotoMessage(frame: Uint8Array): PhotoMessage {
  if (frame.byteLength > PHOTO_MAX_FRAME_BYTES) throw new PhotoWireError(`frame of ${frame.byteLength} bytes is over ${PHOTO_MAX_FRAME_BYTES}`);
  let value: unknown;
  try {
    value = decode(frame, decodeOptions);
  } catch (error) {
    throw new PhotoWireError(`frame is not valid CBOR: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value === 'object' && value !== null && 'v' in value && (value as { v: unknown }).v !== PHOTO_WIRE_VERSION) {
    throw new PhotoWireVersionError((value as { v: unknown }).v);
  }
  const parsed = photoMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PhotoWireError(`invalid message: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`);
  }
  return parsed.data;
}
