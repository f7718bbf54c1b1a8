import { ByteEncodingError } from '../errors.js';

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >> 4]! + HEX_DIGITS[i & 15]!);

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]!]!;
  return out;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/**
 * Bytes of a hex string (either case, no prefix, no separators).
 * @param expectedLength - when given, the number of bytes the string must decode to.
 * @throws {ByteEncodingError} on odd length, a non-hex character or the wrong length.
 */
export function fromHex(hex: string, expectedLength?: number): Uint8Array {
  if (typeof hex !== 'string') throw new ByteEncodingError('hex input must be a string');
  if (hex.length % 2 !== 0) throw new ByteEncodingError(`hex string has odd length ${hex.length}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new ByteEncodingError(`invalid hex character near offset ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new ByteEncodingError(`expected ${expectedLength} bytes of hex, got ${out.length}`);
  }
  return out;
}

/** Whether `value` is a lowercase hex string of exactly `bytes` bytes (e.g. 32 for a SHA-256 id). */
export function isLowerHex(value: unknown, bytes: number): value is string {
  return typeof value === 'string' && value.length === bytes * 2 && /^[0-9a-f]*$/.test(value);
}
