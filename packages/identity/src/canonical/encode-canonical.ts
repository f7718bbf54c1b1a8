import { encode, rfc8949EncodeOptions } from 'cborg';
import { CanonicalEncodingError } from '../errors.js';
import { DEFAULT_MAX_DEPTH, isPlainObject } from './canonical-value.js';

const MIN_INT64 = -(2n ** 64n); // CBOR major type 1 reaches -2^64
const MAX_UINT64 = 2n ** 64n - 1n;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function check(value: unknown, path: string, depth: number): void {
  if (depth > DEFAULT_MAX_DEPTH) throw new CanonicalEncodingError(`nesting deeper than ${DEFAULT_MAX_DEPTH} (or a cycle)`, path);
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalEncodingError('string is not well-formed UTF-16 (lone surrogate)', path);
      return;
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new CanonicalEncodingError(`number ${value} is not a safe integer (floats are not allowed)`, path);
      }
      return;
    case 'bigint':
      if (value < MIN_INT64 || value > MAX_UINT64) throw new CanonicalEncodingError('bigint does not fit in 64 bits', path);
      return;
    case 'object':
      break;
    default:
      throw new CanonicalEncodingError(`${typeof value} cannot be encoded`, path);
  }
  if (value === null || value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CanonicalEncodingError('sparse array (hole is undefined)', `${path}/${i}`);
      check(value[i], `${path}/${i}`, depth + 1);
    }
    return;
  }
  if (!isPlainObject(value)) {
    const name = (value as object).constructor?.name ?? 'object';
    throw new CanonicalEncodingError(`${name} cannot be encoded (only plain objects, arrays and Uint8Array)`, path);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) throw new CanonicalEncodingError('symbol keys cannot be encoded', path);
  for (const key of Object.keys(value)) {
    if (LONE_SURROGATE.test(key)) throw new CanonicalEncodingError('map key is not well-formed UTF-16', `${path}/${key}`);
    check(value[key], `${path}/${key}`, depth + 1);
  }
}

/**
 * Deterministic CBOR (RFC 8949 §4.2.1 core deterministic encoding: shortest integer and length forms,
 * definite lengths, map keys sorted by their encoded bytes) of a {@link CanonicalValue}.
 * `-0` is the integer 0. Returns a plain `Uint8Array` that owns its memory.
 * @throws {CanonicalEncodingError} for floats, NaN, ±Infinity, unsafe integers, bigints beyond 64 bits,
 *   undefined, functions, symbols, class instances, Maps, typed arrays other than Uint8Array, sparse arrays,
 *   lone surrogates and nesting deeper than 32.
 */
export function encodeCanonical(value: unknown): Uint8Array {
  check(value, '', 0);
  const bytes = encode(value, rfc8949EncodeOptions);
  // On Node cborg may return a Buffer view into the shared allocation pool, or a view on a larger chunk:
  // hand out a plain Uint8Array that owns exactly its bytes (safe to transfer), the same type as in browsers.
  const owned = Object.getPrototypeOf(bytes) === Uint8Array.prototype && bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
  return owned ? bytes : new Uint8Array(bytes);
}
