/**
 * A value with exactly one canonical CBOR encoding in Titip: maps with string keys, arrays, UTF-8 strings,
 * integers (safe-range numbers, or bigints within 64 bits), booleans, null and byte strings.
 */
export type CanonicalValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly CanonicalValue[]
  | CanonicalMap;

/** A CBOR map with string keys. */
export interface CanonicalMap {
  readonly [key: string]: CanonicalValue;
}

/** Nesting deeper than this is refused by the encoder and (by default) the decoder. */
export const DEFAULT_MAX_DEPTH = 32;

/** Default byte limit of {@link decodeCanonical}: 1 MiB. */
export const DEFAULT_MAX_BYTES = 1_048_576;

/** Whether `value` is a plain object (prototype `Object.prototype` or null): the only thing encoded as a map. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
