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

const utf8 = new TextEncoder();

/**
 * Writes CBOR into one growing buffer: the encoder of {@link encodeCanonical}, for values that passed `check`.
 * Byte for byte what cborg's `rfc8949EncodeOptions` give (tested on random values), without cborg's token
 * objects: encoding a receipt allocated about 13 KB through cborg.
 */
class CanonicalWriter {
  #buffer = new Uint8Array(512);
  #view = new DataView(this.#buffer.buffer);
  #length = 0;

  /** The bytes written, in a new array that owns exactly them. */
  result(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }

  value(value: unknown): void {
    switch (typeof value) {
      case 'boolean':
        return this.#byte(value ? 0xf5 : 0xf4);
      case 'number':
        return value < 0 ? this.#head(1, -1 - value) : this.#head(0, value);
      case 'bigint':
        return value < 0n ? this.#bigHead(1, -1n - value) : this.#bigHead(0, value);
      case 'string':
        return this.#text(value);
    }
    if (value === null) return this.#byte(0xf6);
    if (value instanceof Uint8Array) {
      this.#head(2, value.length);
      return this.#bytes(value);
    }
    if (Array.isArray(value)) {
      this.#head(4, value.length);
      for (const item of value) this.value(item);
      return;
    }
    this.#map(value as Record<string, unknown>);
  }

  #map(map: Record<string, unknown>): void {
    const keys = Object.keys(map);
    this.#head(5, keys.length);
    if (keys.length === 0) return;
    // RFC 8949 §4.2.1: keys sorted by their encoded bytes (for text keys: shorter first, then bytewise). For ASCII
    // keys that is the length, then JavaScript's own string order; other keys are compared as UTF-8.
    if (keys.every(isAscii)) {
      keys.sort((a, b) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : 1));
      for (const key of keys) {
        this.#text(key);
        this.value(map[key]);
      }
      return;
    }
    const encoded = keys.map((key) => ({ key, bytes: utf8.encode(key) }));
    encoded.sort((a, b) => (a.bytes.length !== b.bytes.length ? a.bytes.length - b.bytes.length : compareBytes(a.bytes, b.bytes)));
    for (const { key, bytes } of encoded) {
      this.#head(3, bytes.length);
      this.#bytes(bytes);
      this.value(map[key]);
    }
  }

  #text(text: string): void {
    if (!isAscii(text)) {
      const bytes = utf8.encode(text);
      this.#head(3, bytes.length);
      return this.#bytes(bytes);
    }
    this.#head(3, text.length);
    this.#reserve(text.length);
    for (let i = 0; i < text.length; i++) this.#buffer[this.#length++] = text.charCodeAt(i);
  }

  /** Major type and argument in the shortest form (the argument a safe non-negative integer). */
  #head(major: number, argument: number): void {
    const type = major << 5;
    this.#reserve(9);
    if (argument < 24) this.#buffer[this.#length++] = type | argument;
    else if (argument < 0x100) {
      this.#buffer[this.#length++] = type | 24;
      this.#buffer[this.#length++] = argument;
    } else if (argument < 0x10000) {
      this.#buffer[this.#length++] = type | 25;
      this.#view.setUint16(this.#length, argument);
      this.#length += 2;
    } else if (argument < 0x100000000) {
      this.#buffer[this.#length++] = type | 26;
      this.#view.setUint32(this.#length, argument);
      this.#length += 4;
    } else {
      this.#buffer[this.#length++] = type | 27;
      this.#view.setUint32(this.#length, Math.floor(argument / 0x100000000));
      this.#view.setUint32(this.#length + 4, argument >>> 0);
      this.#length += 8;
    }
  }

  #bigHead(major: number, argument: bigint): void {
    if (argument <= BigInt(Number.MAX_SAFE_INTEGER)) return this.#head(major, Number(argument));
    this.#reserve(9);
    this.#buffer[this.#length++] = (major << 5) | 27;
    this.#view.setBigUint64(this.#length, argument);
    this.#length += 8;
  }

  #byte(byte: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = byte;
  }

  #bytes(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.#length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = grown;
    this.#view = new DataView(grown.buffer);
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
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
  const writer = new CanonicalWriter();
  writer.value(value);
  return writer.result();
}
