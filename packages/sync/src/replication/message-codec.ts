import { decode, encode } from 'cborg';
import { WIRE_VERSION } from './constants.js';
import { WireMessageError, WireVersionError } from './errors.js';
import { wireMessageSchema, type WireMessage } from './messages.js';

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

/** Encodes a wire message as CBOR (the frame's payload; the length prefix is the transport's). */
export function encodeWireMessage(message: WireMessage): Uint8Array {
  return encode(message);
}

/** Decodes and validates one frame. Throws {@link WireMessageError} or {@link WireVersionError}; never anything else. */
export function decodeWireMessage(frame: Uint8Array): WireMessage {
  let value: unknown;
  try {
    value = decode(frame, decodeOptions);
  } catch (error) {
    throw new WireMessageError(`frame is not valid CBOR: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value === 'object' && value !== null && 'v' in value && (value as { v: unknown }).v !== WIRE_VERSION) {
    throw new WireVersionError((value as { v: unknown }).v);
  }
  const parsed = wireMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WireMessageError(`invalid message: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`);
  }
  return parsed.data;
}
