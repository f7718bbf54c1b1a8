import { ByteEncodingError } from '../errors.js';

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reverse(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const STANDARD_REV = reverse(STANDARD);
const URL_SAFE_REV = reverse(URL_SAFE);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function decode(text: string, table: Int16Array, padded: boolean): Uint8Array {
  if (typeof text !== 'string') throw new ByteEncodingError('base64 input must be a string');
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) throw new ByteEncodingError('padded base64 length must be a multiple of 4');
    if (text.endsWith('==')) body = text.slice(0, -2);
    else if (text.endsWith('=')) body = text.slice(0, -1);
  }
  if (body.length % 4 === 1) throw new ByteEncodingError('base64 input has an impossible length');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const v = code < 128 ? table[code]! : -1;
    if (v < 0) throw new ByteEncodingError(`invalid base64 character at offset ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, otherwise two different strings would decode to the same bytes.
  if ((acc & ((1 << bits) - 1)) !== 0) throw new ByteEncodingError('base64 input has non-zero padding bits');
  return out;
}

/** Standard base64 (RFC 4648 §4) with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/**
 * Bytes of standard, padded base64. Strict: no whitespace, correct padding, zero padding bits.
 * @throws {ByteEncodingError}
 */
export function fromBase64(text: string): Uint8Array {
  return decode(text, STANDARD_REV, true);
}

/** URL-safe base64 (RFC 4648 §5) without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

/**
 * Bytes of unpadded URL-safe base64. Strict like {@link fromBase64}.
 * @throws {ByteEncodingError}
 */
export function fromBase64Url(text: string): Uint8Array {
  return decode(text, URL_SAFE_REV, false);
}
