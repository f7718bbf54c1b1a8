import { bytesEqual } from '../bytes/bytes-equal.js';
import { CanonicalDecodingError, CanonicalEncodingError, type CanonicalDecodingReason } from '../errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type CanonicalMap, type CanonicalValue } from './canonical-value.js';
import { encodeCanonical } from './encode-canonical.js';

/** Options of {@link decodeCanonical}. */
export interface DecodeCanonicalOptions {
  /** Inputs longer than this are refused before any parsing. @default 1 MiB */
  maxBytes?: number;
  /** Deeper nesting is refused. @default 32 */
  maxDepth?: number;
  /**
   * Also re-encode the decoded value and compare it with the input. The single pass already enforces every
   * canonical rule; this is a belt-and-braces mode. @default false
   */
  reencodeCheck?: boolean;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const TWO_32 = 4_294_967_296;
/** Short ASCII strings (map keys) are built directly; longer or non-ASCII ones go through TextDecoder. */
const SHORT_TEXT = 24;

/**
 * Short ASCII strings decoded lately, by a hash of their bytes (direct-mapped, 1,024 slots): map keys and codes
 * repeat across records (every C.Hasil form has the same ~40 keys), and reusing the string spares building it
 * (which allocated a string per character) and the garbage collector that many strings per record.
 */
const SHORT_TEXT_SLOTS = 1024;
const shortTextBytes: (Uint8Array | undefined)[] = new Array(SHORT_TEXT_SLOTS);
const shortTextValues: string[] = new Array(SHORT_TEXT_SLOTS);

/** The ASCII string of `data[from, to)` (`hash`: FNV-1a of those bytes), from the cache when it holds it. */
function shortText(data: Uint8Array, from: number, to: number, hash: number): string {
  const slot = (hash >>> 0) & (SHORT_TEXT_SLOTS - 1);
  const held = shortTextBytes[slot];
  if (held !== undefined && held.length === to - from) {
    let same = true;
    for (let i = 0; i < held.length; i++) {
      if (held[i] !== data[from + i]) {
        same = false;
        break;
      }
    }
    if (same) return shortTextValues[slot]!;
  }
  let text = '';
  for (let i = from; i < to; i++) text += String.fromCharCode(data[i]!);
  shortTextBytes[slot] = data.slice(from, to);
  shortTextValues[slot] = text;
  return text;
}

function fail(reason: CanonicalDecodingReason, message: string): never {
  throw new CanonicalDecodingError(reason, message);
}

function compareBytes(data: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = data[aStart + i]! - data[bStart + i]!;
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

/**
 * One pass over the bytes, item by item in document order, refusing at the first item that breaks Titip's
 * canonical profile: shortest integer and length forms, no floats, undefined, simple values, tags or
 * indefinite lengths, text that is exact UTF-8 (no leading byte-order mark), string map keys in strictly
 * increasing order of their encoded bytes, bounded nesting (non-empty containers count), no trailing bytes.
 */
class CanonicalReader {
  readonly #data: Uint8Array;
  readonly #maxDepth: number;
  #pos = 0;

  constructor(data: Uint8Array, maxDepth: number) {
    this.#data = data;
    this.#maxDepth = maxDepth;
  }

  decode(): CanonicalValue {
    const value = this.#item(0);
    if (this.#pos !== this.#data.length) fail('trailing-bytes', `${this.#data.length - this.#pos} bytes after the value`);
    return value;
  }

  #need(count: number, what: string): void {
    if (this.#data.length - this.#pos < count) fail('invalid-cbor', `not enough data for ${what} at offset ${this.#pos}`);
  }

  /** The argument of an item head (after its initial byte), in its shortest form. Number, or bigint above 2^53. */
  #argument(minor: number, start: number): number | bigint {
    const data = this.#data;
    if (minor < 24) return minor;
    let value: number;
    switch (minor) {
      case 24:
        this.#need(1, 'an integer');
        value = data[this.#pos]!;
        this.#pos += 1;
        if (value < 24) break;
        return value;
      case 25:
        this.#need(2, 'an integer');
        value = (data[this.#pos]! << 8) | data[this.#pos + 1]!;
        this.#pos += 2;
        if (value < 256) break;
        return value;
      case 26:
        this.#need(4, 'an integer');
        value = data[this.#pos]! * 16_777_216 + ((data[this.#pos + 1]! << 16) | (data[this.#pos + 2]! << 8) | data[this.#pos + 3]!);
        this.#pos += 4;
        if (value < 65_536) break;
        return value;
      case 27: {
        this.#need(8, 'an integer');
        const p = this.#pos;
        const hi = data[p]! * 16_777_216 + ((data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!);
        const lo = data[p + 4]! * 16_777_216 + ((data[p + 5]! << 16) | (data[p + 6]! << 8) | data[p + 7]!);
        this.#pos += 8;
        if (hi === 0) break; // below 2^32: not the shortest form
        if (hi < 2_097_152) return hi * TWO_32 + lo; // below 2^53: exact as a number
        return (BigInt(hi) << 32n) + BigInt(lo);
      }
      default:
        return fail('invalid-cbor', `reserved additional information ${minor} at offset ${start}`);
    }
    return fail('non-canonical', `integer or length not in its shortest form at offset ${start}`);
  }

  /** A length (of a string or container); 64-bit lengths beyond 2^53 are refused. */
  #length(minor: number, start: number, what: string): number {
    const length = this.#argument(minor, start);
    if (typeof length === 'bigint') return fail('invalid-cbor', `64-bit ${what} length at offset ${start}`);
    return length;
  }

  #item(depth: number): CanonicalValue {
    const data = this.#data;
    const start = this.#pos;
    if (start >= data.length) fail('invalid-cbor', 'unexpected end of input');
    const initial = data[start]!;
    this.#pos = start + 1;
    const major = initial >> 5;
    const minor = initial & 31;
    switch (major) {
      case 0: {
        if (minor === 31) fail('invalid-cbor', `invalid additional information 31 for an integer at offset ${start}`);
        return this.#argument(minor, start);
      }
      case 1: {
        if (minor === 31) fail('invalid-cbor', `invalid additional information 31 for an integer at offset ${start}`);
        const n = this.#argument(minor, start);
        if (typeof n === 'bigint') return -1n - n;
        return n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n);
      }
      case 2: {
        if (minor === 31) fail('indefinite-length', `indefinite-length byte string at offset ${start}`);
        const length = this.#length(minor, start, 'byte string');
        this.#need(length, 'a byte string');
        const bytes = data.slice(this.#pos, this.#pos + length);
        this.#pos += length;
        return bytes;
      }
      case 3:
        if (minor === 31) fail('indefinite-length', `indefinite-length text string at offset ${start}`);
        return this.#text(minor, start);
      case 4: {
        if (minor === 31) fail('indefinite-length', `indefinite-length array at offset ${start}`);
        const length = this.#length(minor, start, 'array');
        const inner = length > 0 ? this.#deeper(depth) : depth;
        const array: CanonicalValue[] = [];
        for (let i = 0; i < length; i++) array.push(this.#item(inner));
        return array;
      }
      case 5:
        if (minor === 31) fail('indefinite-length', `indefinite-length map at offset ${start}`);
        return this.#map(this.#length(minor, start, 'map'), depth);
      case 6:
        if (minor === 31) fail('invalid-cbor', `invalid additional information 31 for a tag at offset ${start}`);
        return fail('tag', `tags are not allowed (tag ${String(this.#argument(minor, start))})`);
      default:
        return this.#simple(minor, start);
    }
  }

  #deeper(depth: number): number {
    if (depth + 1 > this.#maxDepth) fail('too-deep', `nesting deeper than ${this.#maxDepth}`);
    return depth + 1;
  }

  #simple(minor: number, start: number): CanonicalValue {
    switch (minor) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return fail('undefined', 'undefined is not allowed');
      case 25:
        this.#need(2, 'a float');
        return fail('float', `floats are not allowed (offset ${start})`);
      case 26:
        this.#need(4, 'a float');
        return fail('float', `floats are not allowed (offset ${start})`);
      case 27:
        this.#need(8, 'a float');
        return fail('float', `floats are not allowed (offset ${start})`);
      case 31:
        return fail('indefinite-length', `break code (indefinite length) at offset ${start}`);
      default:
        // 0–19 and 24 are simple values (unassigned or not allowed), 28–30 reserved.
        return fail('invalid-cbor', `simple value or reserved byte 0x${(0xe0 | minor).toString(16)} at offset ${start}`);
    }
  }

  #text(minor: number, start: number): string {
    const data = this.#data;
    const length = this.#length(minor, start, 'text string');
    this.#need(length, 'a text string');
    const from = this.#pos;
    const to = from + length;
    this.#pos = to;
    let ascii = true;
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i++) {
      const byte = data[i]!;
      if (byte >= 0x80) {
        ascii = false;
        break;
      }
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    if (ascii && length < SHORT_TEXT) return shortText(data, from, to, hash);
    let text: string;
    try {
      text = fatalUtf8.decode(data.subarray(from, to));
    } catch {
      return fail('non-canonical', `text string is not valid UTF-8 (offset ${start})`);
    }
    // Lax UTF-8 decoders drop a leading byte-order mark: such a string has two readings, so it is refused.
    if (text.charCodeAt(0) === 0xfeff) fail('non-canonical', `text string starts with a byte-order mark (offset ${start})`);
    return text;
  }

  #map(length: number, depth: number): CanonicalMap {
    const data = this.#data;
    const inner = length > 0 ? this.#deeper(depth) : depth;
    const map: Record<string, CanonicalValue> = {};
    let previousStart = -1;
    let previousEnd = -1;
    for (let i = 0; i < length; i++) {
      const keyStart = this.#pos;
      const key = this.#item(inner);
      const keyEnd = this.#pos;
      if (typeof key !== 'string') fail('non-string-key', `map key at offset ${keyStart} is not a text string`);
      if (previousStart >= 0) {
        const order = compareBytes(data, previousStart, previousEnd, keyStart, keyEnd);
        if (order === 0) fail('duplicate-key', `duplicate map key ${JSON.stringify(key)}`);
        if (order > 0) fail('non-canonical', `map keys out of canonical order at offset ${keyStart}`);
      }
      previousStart = keyStart;
      previousEnd = keyEnd;
      const value = this.#item(inner);
      if (key === '__proto__') {
        // A plain assignment would set the prototype instead of creating the own property.
        Object.defineProperty(map, key, { value, configurable: true, enumerable: true, writable: true });
      } else {
        map[key] = value;
      }
    }
    return map;
  }
}

/**
 * Strictly decodes canonical CBOR produced by {@link encodeCanonical}. Refuses oversized input, indefinite
 * lengths, duplicate or non-string map keys, undefined, floats, simple values, tags, trailing bytes, and
 * anything that is not the canonical encoding of its value (unsorted keys, non-shortest forms, invalid UTF-8,
 * a leading byte-order mark): so a decoded value has exactly one byte form, `encodeCanonical(decodeCanonical(b))`
 * equals `b`, and hashes are well defined. A single pass over the bytes, refusing at the first bad item.
 * Integers beyond 2^53 come back as bigint; byte strings are copies (they never alias the input).
 * @throws {CanonicalDecodingError} with a `reason` naming the rule that was broken.
 */
export function decodeCanonical(bytes: Uint8Array, options: DecodeCanonicalOptions = {}): CanonicalValue {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(bytes instanceof Uint8Array)) throw new CanonicalDecodingError('not-bytes', 'input must be a Uint8Array');
  if (bytes.length > maxBytes) throw new CanonicalDecodingError('too-large', `input is ${bytes.length} bytes, limit ${maxBytes}`);
  if (bytes.length === 0) throw new CanonicalDecodingError('invalid-cbor', 'input is empty');
  // A plain Uint8Array view (not a Node Buffer), so byte strings come out as plain Uint8Arrays.
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value = new CanonicalReader(data, options.maxDepth ?? DEFAULT_MAX_DEPTH).decode();
  if (options.reencodeCheck === true) {
    let again: Uint8Array;
    try {
      again = encodeCanonical(value);
    } catch (error) {
      if (!(error instanceof CanonicalEncodingError)) throw error;
      throw new CanonicalDecodingError('non-canonical', `decoded value cannot be re-encoded: ${error.message}`, { cause: error });
    }
    if (!bytesEqual(again, bytes)) {
      throw new CanonicalDecodingError('non-canonical', 'bytes are not the canonical encoding of their value');
    }
  }
  return value;
}
