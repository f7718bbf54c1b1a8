/**
 * The previous decoder of `decodeCanonical` (cborg's tokenizer wrapped with Titip's canonical checks), kept as
 * the reference the single-pass decoder is compared with, input by input, verdict and reason. Tests only.
 */
import { decode, Tokenizer, Type, type DecodeOptions, type Token } from 'cborg';
import { bytesEqual } from '../../src/bytes/bytes-equal.js';
import { CanonicalDecodingError, CanonicalEncodingError, type CanonicalDecodingReason } from '../../src/errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type CanonicalValue } from '../../src/canonical/canonical-value.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';

/** Options of {@link decodeCanonical}. */
interface DecodeCanonicalOptions {
  /** Inputs longer than this are refused before any parsing. @default 1 MiB */
  maxBytes?: number;
  /** Deeper nesting is refused. @default 32 */
  maxDepth?: number;
  /**
   * Also re-encode the decoded value and compare it with the input (about 3× slower). The single-pass checks
   * already enforce every canonical rule; this is a belt-and-braces mode, and the reference the tests compare
   * the single pass against. @default false
   */
  reencodeCheck?: boolean;
}

interface OpenContainer {
  /** Items (for a map: keys and values) still expected. */
  remaining: number;
  isMap: boolean;
  /** Items seen so far. */
  index: number;
  /** Encoded bytes of the previous key (maps). */
  previousKey: Uint8Array | null;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function headerLength(initialByte: number): number {
  const minor = initialByte & 31;
  return minor < 24 ? 1 : minor === 24 ? 2 : minor === 25 ? 3 : minor === 26 ? 5 : 9;
}

/**
 * Wraps cborg's tokenizer (run in strict mode: shortest integer and length forms) and checks, token by token,
 * the rest of Titip's canonical profile: no floats, undefined, tags or indefinite lengths; map keys in strictly
 * increasing order of their encoded bytes; text strings that are valid UTF-8 and decode to exactly their bytes
 * (no byte-order mark dropped); nesting bounded before cborg's recursive builder descends.
 */
class StrictTokenizer {
  readonly #data: Uint8Array;
  readonly #inner: Tokenizer;
  readonly #maxDepth: number;
  readonly #open: OpenContainer[] = [];

  constructor(data: Uint8Array, options: DecodeOptions, maxDepth: number) {
    this.#data = data;
    this.#inner = new Tokenizer(data, options);
    this.#maxDepth = maxDepth;
  }

  done(): boolean {
    return this.#inner.done();
  }

  pos(): number {
    return this.#inner.pos();
  }

  next(): Token {
    const start = this.#inner.pos();
    const token = this.#inner.next();
    const end = this.#inner.pos();
    const type = token.type;
    if (Type.equals(type, Type.float)) throw new CanonicalDecodingError('float', `floats are not allowed (offset ${start})`);
    if (Type.equals(type, Type.undefined)) throw new CanonicalDecodingError('undefined', 'undefined is not allowed');
    if (Type.equals(type, Type.tag)) throw new CanonicalDecodingError('tag', `tags are not allowed (tag ${String(token.value)})`);
    if (Type.equals(type, Type.break)) throw new CanonicalDecodingError('indefinite-length', 'break code (indefinite length)');
    if (token.value === Infinity) throw new CanonicalDecodingError('indefinite-length', 'indefinite-length items are not allowed');
    const isString = Type.equals(type, Type.string);
    if (isString) this.#checkText(token.value as string, start, end);
    const parent = this.#open[this.#open.length - 1];
    if (parent !== undefined) {
      if (parent.isMap && parent.index % 2 === 0 && isString) {
        const key = this.#data.subarray(start, end);
        if (parent.previousKey !== null) {
          const order = compareBytes(parent.previousKey, key);
          if (order === 0) throw new CanonicalDecodingError('duplicate-key', `duplicate map key ${JSON.stringify(token.value)}`);
          if (order > 0) throw new CanonicalDecodingError('non-canonical', `map keys out of canonical order at offset ${start}`);
        }
        parent.previousKey = key;
      }
      parent.index += 1;
      parent.remaining -= 1;
    }
    const isMap = Type.equals(type, Type.map);
    const children = Type.equals(type, Type.array) ? Number(token.value) : isMap ? 2 * Number(token.value) : 0;
    if (children > 0) {
      this.#open.push({ remaining: children, isMap, index: 0, previousKey: null });
      if (this.#open.length > this.#maxDepth) throw new CanonicalDecodingError('too-deep', `nesting deeper than ${this.#maxDepth}`);
    }
    while (this.#open.length > 0 && this.#open[this.#open.length - 1]!.remaining === 0) this.#open.pop();
    return token;
  }

  #checkText(value: string, start: number, end: number): void {
    const payload = this.#data.subarray(start + headerLength(this.#data[start]!), end);
    let ascii = true;
    for (let i = 0; i < payload.length; i++) {
      if (payload[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return;
    let exact: string;
    try {
      exact = fatalUtf8.decode(payload);
    } catch {
      throw new CanonicalDecodingError('non-canonical', `text string is not valid UTF-8 (offset ${start})`);
    }
    if (exact !== value) throw new CanonicalDecodingError('non-canonical', `text string does not decode to its exact bytes (offset ${start})`);
  }
}

function reasonOf(message: string): CanonicalDecodingReason {
  if (message.includes('repeat map key')) return 'duplicate-key';
  if (message.includes('non-string keys')) return 'non-string-key';
  if (message.includes('too many terminals')) return 'trailing-bytes';
  if (message.includes('more bytes than necessary')) return 'non-canonical';
  if (message.includes('indefinite')) return 'indefinite-length';
  return 'invalid-cbor';
}

/**
 * Strictly decodes canonical CBOR produced by {@link encodeCanonical}. Refuses oversized input, indefinite
 * lengths, duplicate or non-string map keys, undefined, floats, tags, trailing bytes, and anything that is not
 * the canonical encoding of its value (unsorted keys, non-shortest forms, invalid UTF-8): so a decoded value has
 * exactly one byte form, `encodeCanonical(decodeCanonical(b))` equals `b`, and hashes are well defined.
 * Integers beyond 2^53 come back as bigint.
 * @throws {CanonicalDecodingError} with a `reason` naming the rule that was broken.
 */
export function referenceDecodeCanonical(bytes: Uint8Array, options: DecodeCanonicalOptions = {}): CanonicalValue {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(bytes instanceof Uint8Array)) throw new CanonicalDecodingError('not-bytes', 'input must be a Uint8Array');
  if (bytes.length > maxBytes) throw new CanonicalDecodingError('too-large', `input is ${bytes.length} bytes, limit ${maxBytes}`);
  if (bytes.length === 0) throw new CanonicalDecodingError('invalid-cbor', 'input is empty');
  const cborOptions: DecodeOptions = {
    strict: true,
    allowIndefinite: true, // seen and refused by StrictTokenizer, for a precise reason
    allowUndefined: true, // idem
    allowBigInt: true,
    rejectDuplicateMapKeys: true,
    useMaps: false,
  };
  let value: CanonicalValue;
  try {
    // A plain Uint8Array view (not a Node Buffer): cborg slices plain arrays into copies.
    const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    cborOptions.tokenizer = new StrictTokenizer(data, cborOptions, options.maxDepth ?? DEFAULT_MAX_DEPTH);
    value = decode(data, cborOptions) as CanonicalValue;
  } catch (error) {
    if (error instanceof CanonicalDecodingError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CanonicalDecodingError(reasonOf(message), `invalid CBOR: ${message}`, { cause: error });
  }
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
