/** Version number, the first element of every envelope array. */
export const ENVELOPE_VERSION = 1;

/** Domain-separation tag, the first element of every signing input. */
export const SIGNATURE_DOMAIN = 'titip/sig/v1';

/** Object kinds are short lowercase names: `credential`, `submission`, `receipt`, `attestation`… */
export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * A signed object. Its `bytes` are the canonical CBOR array `[1, kind, body, signer, signature]`; the signature
 * covers `encodeCanonical(['titip/sig/v1', kind, signer, body])`; `hash` (its id) is the lowercase hex SHA-256
 * of `bytes`. See `docs/canonical-encoding.md`.
 */
export interface SignedObject<B = unknown> {
  /** What the body is, e.g. `'credential'`. */
  kind: string;
  /** The decoded body (a CBOR map). */
  body: B;
  /** 32-byte Ed25519 public key of the signer. */
  signer: Uint8Array;
  /** 64-byte Ed25519 signature over the signing input. */
  signature: Uint8Array;
  /** The canonical envelope bytes: what is stored, sent and hashed. */
  bytes: Uint8Array;
  /** Lowercase hex SHA-256 of `bytes`: the object's id. */
  hash: string;
}
