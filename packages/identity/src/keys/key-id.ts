import { fromHex, isLowerHex, toHex } from '../bytes/hex.js';
import { PUBLIC_KEY_LENGTH } from '../crypto/ed25519-provider.js';
import { KeyError } from '../errors.js';

/** Lowercase hex of a 32-byte public key: how a key is named in logs, files and indexes. */
export type KeyId = string & { readonly __keyId: true };

/**
 * The {@link KeyId} of a public key.
 * @throws {KeyError} when the key is not 32 bytes.
 */
export function keyId(publicKey: Uint8Array): KeyId {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new KeyError(`public key must be ${PUBLIC_KEY_LENGTH} bytes`);
  }
  return toHex(publicKey) as KeyId;
}

/** Whether `value` is a well-formed {@link KeyId} (64 lowercase hex digits). */
export function isKeyId(value: unknown): value is KeyId {
  return isLowerHex(value, PUBLIC_KEY_LENGTH);
}

/**
 * The public key a {@link KeyId} names.
 * @throws {KeyError} when `id` is not 64 lowercase hex digits.
 */
export function publicKeyOfKeyId(id: string): Uint8Array {
  if (!isKeyId(id)) throw new KeyError('a key id is 64 lowercase hex digits');
  return fromHex(id);
}
