import { StoreCorruptionError } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a (well-formed) key. */
export function encodeKey(key: string): Uint8Array {
  return encoder.encode(key);
}

/** The key a stored byte string stands for; bytes that are not UTF-8 mean the store is damaged. */
export function decodeKey(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new StoreCorruptionError('a stored key is not valid UTF-8', { cause: error });
  }
}

/** Byte-wise comparison, the order LevelDB, memory-level and IndexedDB all use for binary keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] as number) - (b[i] as number);
    if (difference !== 0) return difference;
  }
  return a.byteLength - b.byteLength;
}

/** A half-open byte range `[gte, lt)`; a missing side is unbounded. */
export interface ByteRange {
  readonly gte?: Uint8Array;
  readonly lt?: Uint8Array;
}

/**
 * The byte range holding exactly the keys that start with `prefix` and lie in `[gte, lt)`, or
 * `undefined` if no key can. Valid UTF-8 never contains the byte 0xFF, so `prefix + 0xFF` is an
 * exclusive upper bound for every key with that prefix.
 */
export function keyRange(prefix: string, gte?: string, lt?: string): ByteRange | undefined {
  let lower: Uint8Array | undefined;
  let upper: Uint8Array | undefined;
  if (prefix.length > 0) {
    lower = encodeKey(prefix);
    upper = new Uint8Array(lower.byteLength + 1);
    upper.set(lower);
    upper[lower.byteLength] = 0xff;
  }
  if (gte !== undefined && gte.length > 0) {
    const bound = encodeKey(gte);
    if (lower === undefined || compareBytes(bound, lower) > 0) lower = bound;
  }
  if (lt !== undefined) {
    const bound = encodeKey(lt);
    if (upper === undefined || compareBytes(bound, upper) < 0) upper = bound;
  }
  if (lower !== undefined && upper !== undefined && compareBytes(lower, upper) >= 0) return undefined;
  if (upper !== undefined && upper.byteLength === 0) return undefined;
  return { ...(lower === undefined ? {} : { gte: lower }), ...(upper === undefined ? {} : { lt: upper }) };
}
