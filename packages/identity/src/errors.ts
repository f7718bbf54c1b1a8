/**
 * Named error classes of `@titip/identity`. Each carries a stable `code` string that callers can switch on;
 * messages are for people and may change.
 */
import type { VerificationFailure, VerificationFailureCode } from './credential/verification-failure.js';

/** Why {@link CanonicalDecodingError} was thrown: one stable reason per rule of the strict decoder. */
export type CanonicalDecodingReason =
  | 'not-bytes'
  | 'too-large'
  | 'too-deep'
  | 'invalid-cbor'
  | 'indefinite-length'
  | 'duplicate-key'
  | 'non-string-key'
  | 'undefined'
  | 'float'
  | 'tag'
  | 'trailing-bytes'
  | 'non-canonical';

/** A value cannot be encoded canonically (floats, undefined, class instances, huge bigints, non-string keys…). */
export class CanonicalEncodingError extends Error {
  static override readonly name = 'CanonicalEncodingError';
  override readonly name = 'CanonicalEncodingError';
  readonly code = 'IDENTITY_CANONICAL_ENCODING';
  /** JSON-pointer-like path to the offending value, e.g. `/body/regions/0`. */
  readonly path: string;

  constructor(message: string, path: string) {
    super(`${message} at ${path === '' ? '/' : path}`);
    this.path = path;
  }
}

/** Bytes are not strict canonical CBOR (see `docs/canonical-encoding.md`). */
export class CanonicalDecodingError extends Error {
  static override readonly name = 'CanonicalDecodingError';
  override readonly name = 'CanonicalDecodingError';
  readonly code = 'IDENTITY_CANONICAL_DECODING';
  /** Which rule the input broke. */
  readonly reason: CanonicalDecodingReason;

  constructor(reason: CanonicalDecodingReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** Bytes are canonical CBOR but not a well-formed signed envelope `[1, kind, body, signer, signature]`. */
export class MalformedObjectError extends Error {
  static override readonly name = 'MalformedObjectError';
  override readonly name = 'MalformedObjectError';
  readonly code = 'IDENTITY_MALFORMED_OBJECT';
  /** The decoding reason when the CBOR itself was bad, else `'envelope'`. */
  readonly reason: CanonicalDecodingReason | 'envelope';

  constructor(reason: CanonicalDecodingReason | 'envelope', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** A hex or base64 string (or a byte length) is invalid. */
export class ByteEncodingError extends Error {
  static override readonly name = 'ByteEncodingError';
  override readonly name = 'ByteEncodingError';
  readonly code = 'IDENTITY_BYTE_ENCODING';
}

/** A key is invalid: wrong length, or a key file whose public key does not match its secret key. */
export class KeyError extends Error {
  static override readonly name = 'KeyError';
  override readonly name = 'KeyError';
  readonly code = 'IDENTITY_KEY';
}

/** A key file is not valid JSON or does not match the `titip-key` v1 format. */
export class KeyFileError extends Error {
  static override readonly name = 'KeyFileError';
  override readonly name = 'KeyFileError';
  readonly code = 'IDENTITY_KEY_FILE';
}

/** Throw-style wrapper of a {@link VerificationFailure} (for APIs that throw instead of returning a result). */
export class VerificationError extends Error {
  static override readonly name = 'VerificationError';
  override readonly name = 'VerificationError';
  /** The failure code, e.g. `'bad-signature'`. */
  readonly code: VerificationFailureCode;
  /** The full failure. */
  readonly failure: VerificationFailure;

  constructor(failure: VerificationFailure) {
    super(failure.message);
    this.code = failure.code;
    this.failure = failure;
  }
}

/** The worker verifier pool was closed, or a worker died while verifying. */
export class WorkerPoolError extends Error {
  static override readonly name = 'WorkerPoolError';
  override readonly name = 'WorkerPoolError';
  readonly code = 'IDENTITY_WORKER_POOL';
}
