import { decode, Tokenizer, Type, type DecodeOptions, type Token } from 'cborg';
import { bytesEqual } from '../bytes/bytes-equal.js';
import { CanonicalDecodingError, CanonicalEncodingError, type CanonicalDecodingReason } from '../errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type CanonicalValue } from './canonical-value.js';
import { encodeCanonical } from './encode-canonical.js';

/** Options of {@link decodeCanonical}. */
export interface DecodeCanonicalOptions {
  /** Inputs longer than this are refused before any parsing. @default 1 MiB */
  maxBytes?: number;
  /** Deeper nesting is refused. @default 32 */
  maxDepth?: number;
}

/**
 * Wraps cborg's tokenizer to refuse, token by token, what Titip's CBOR profile forbids, and to bound nesting
 * before cborg's recursive builder descends.
 */
class StrictTokenizer {
  readonly #inner: Tokenizer;
  readonly #maxDepth: number;
  /** Items still expected by each open array/map, innermost last. */
  readonly #open: number[] = [];

  constructor(data: Uint8Array, options: DecodeOptions, maxDepth: number) {
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
    const token = this.#inner.next();
    const type = token.type;
    if (Type.equals(type, Type.float)) throw new CanonicalDecodingError('float', `floats are not allowed (offset ${this.pos()})`);
    if (Type.equals(type, Type.undefined)) throw new CanonicalDecodingError('undefined', 'undefined is not allowed');
    if (Type.equals(type, Type.tag)) throw new CanonicalDecodingError('tag', `tags are not allowed (tag ${String(token.value)})`);
    if (Type.equals(type, Type.break)) throw new CanonicalDecodingError('indefinite-length', 'break code (indefinite length)');
    if (token.value === Infinity) throw new CanonicalDecodingError('indefinite-length', 'indefinite-length items are not allowed');
    const top = this.#open.length - 1;
    if (top >= 0) this.#open[top]! -= 1;
    const children = Type.equals(type, Type.array) ? Number(token.value) : Type.equals(type, Type.map) ? 2 * Number(token.value) : 0;
    if (children > 0) {
      this.#open.push(children);
      if (this.#open.length > this.#maxDepth) throw new CanonicalDecodingError('too-deep', `nesting deeper than ${this.#maxDepth}`);
    }
    while (this.#open.length > 0 && this.#open[this.#open.length - 1] === 0) this.#open.pop();
    return token;
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
 * lengths, duplicate or non-string map keys, undefined, floats, tags, trailing bytes, and any input whose
 * canonical re-encoding is not byte-identical (unsorted keys, non-shortest forms, invalid UTF-8): so a decoded
 * value has exactly one byte form, and its hash is well defined. Integers beyond 2^53 come back as bigint.
 * @throws {CanonicalDecodingError} with a `reason` naming the rule that was broken.
 */
export function decodeCanonical(bytes: Uint8Array, options: DecodeCanonicalOptions = {}): CanonicalValue {
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
  return value;
}
