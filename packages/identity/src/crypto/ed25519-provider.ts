/**
 * The Ed25519 operations Titip needs, behind one interface so the same code runs on the universal
 * `@noble/ed25519` implementation ({@link nobleEd25519}) or on Node's native one (`@titip/identity/node`).
 *
 * Keys are raw: a 32-byte secret key (the RFC 8032 seed) and a 32-byte public key. Signatures are 64 bytes.
 * Ed25519 is deterministic, so every provider produces identical signatures for identical inputs.
 * Verification follows RFC 8032 strictly (no ZIP-215 relaxations: non-canonical points and scalars and
 * small-order public keys are rejected) so all providers agree on which signatures are valid.
 */
export interface Ed25519Provider {
  /** Signs `message` with a 32-byte secret key; resolves to a 64-byte signature. Rejects on a bad key length. */
  sign(secretKey: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
  /** Whether `signature` is valid for `message` under `publicKey`. Resolves false (never rejects) on malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** The 32-byte public key of a 32-byte secret key. */
  publicKeyOf(secretKey: Uint8Array): Promise<Uint8Array>;
  /** 32 fresh random bytes from a cryptographically secure source, usable as a secret key. */
  randomSecretKey(): Uint8Array;
}

/**
 * The verification of a provider as a synchronous function on raw bytes, for worker threads' loops (the native
 * providers of `@titip/identity/node` offer one): false, never an exception, on malformed input.
 */
export type VerifyBytes = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

/** Length in bytes of an Ed25519 public key. */
export const PUBLIC_KEY_LENGTH = 32;
/** Length in bytes of an Ed25519 secret key (seed). */
export const SECRET_KEY_LENGTH = 32;
/** Length in bytes of an Ed25519 signature. */
export const SIGNATURE_LENGTH = 64;
