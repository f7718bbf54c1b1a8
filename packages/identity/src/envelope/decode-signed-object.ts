import { isPlainObject } from '../canonical/canonical-value.js';
import { decodeCanonical } from '../canonical/decode-canonical.js';
import type { CanonicalMap } from '../canonical/canonical-value.js';
import { CanonicalDecodingError, MalformedObjectError } from '../errors.js';
import { hashHex } from '../hash/sha256.js';
import { ENVELOPE_VERSION, KIND_PATTERN, type SignedObject } from './signed-object.js';

/** Options of {@link decodeSignedObject}. */
export interface DecodeSignedObjectOptions {
  /** Refuse envelopes longer than this. @default 1 MiB */
  maxBytes?: number;
  /** When given, the kind the object must have. */
  kind?: string;
}

/**
 * Decodes an envelope `[1, kind, body, signer, signature]` from strict canonical CBOR. Does NOT verify the
 * signature (see {@link verifySignature}).
 * @throws {MalformedObjectError} with `reason` the CBOR rule broken, or `'envelope'` for a bad shape.
 */
export function decodeSignedObject(bytes: Uint8Array, options: DecodeSignedObjectOptions = {}): SignedObject<CanonicalMap> {
  let value;
  try {
    value = decodeCanonical(bytes, { maxBytes: options.maxBytes });
  } catch (error) {
    if (!(error instanceof CanonicalDecodingError)) throw error;
    throw new MalformedObjectError(error.reason, `not canonical CBOR: ${error.message}`, { cause: error });
  }
  const bad = (message: string): never => {
    throw new MalformedObjectError('envelope', message);
  };
  if (!Array.isArray(value) || value.length !== 5) return bad('an envelope is an array of 5 elements');
  const [version, kind, body, signer, signature] = value as unknown[];
  if (version !== ENVELOPE_VERSION) return bad(`unsupported envelope version ${describeVersion(version)}`);
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) return bad('invalid object kind');
  if (options.kind !== undefined && kind !== options.kind) return bad(`expected kind ${options.kind}, got ${kind}`);
  if (!isPlainObject(body)) return bad('body must be a map');
  if (!(signer instanceof Uint8Array) || signer.length !== 32) return bad('signer must be 32 bytes');
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return bad('signature must be 64 bytes');
  const copy = Uint8Array.from(bytes);
  return { kind, body: body as CanonicalMap, signer, signature, bytes: copy, hash: hashHex(copy) };
}

/** A decoded value for a message, never by calling into it: a map may carry its own `toString` key. */
function describeVersion(value: unknown): string {
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : `(${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value})`;
}
