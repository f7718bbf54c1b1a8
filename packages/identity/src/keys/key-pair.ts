import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import { PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH } from '../crypto/ed25519-provider.js';
import { KeyError } from '../errors.js';

/** An Ed25519 key pair: 32-byte public key and 32-byte secret key (the RFC 8032 seed). */
export interface KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/**
 * The key pair of a 32-byte seed: deterministic, for tests, test vectors and keys restored from backup.
 * @throws {KeyError} when the seed is not 32 bytes.
 */
export async function keyPairFromSeed(seed: Uint8Array, provider: Ed25519Provider): Promise<KeyPair> {
  if (!(seed instanceof Uint8Array) || seed.length !== SECRET_KEY_LENGTH) {
    throw new KeyError(`seed must be ${SECRET_KEY_LENGTH} bytes`);
  }
  const secretKey = Uint8Array.from(seed);
  const publicKey = await provider.publicKeyOf(secretKey);
  if (publicKey.length !== PUBLIC_KEY_LENGTH) throw new KeyError('provider returned a public key of the wrong length');
  return { publicKey, secretKey };
}

/** A fresh random key pair from the provider's secure random source. */
export async function generateKeyPair(provider: Ed25519Provider): Promise<KeyPair> {
  return keyPairFromSeed(provider.randomSecretKey(), provider);
}
