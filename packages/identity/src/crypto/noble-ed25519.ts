import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { KeyError } from '../errors.js';
import { PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH, SIGNATURE_LENGTH, type Ed25519Provider } from './ed25519-provider.js';

// @noble/ed25519 v3 only offers async methods until a synchronous SHA-512 is configured; the sync path is
// several times faster than the WebCrypto-backed async one for small messages.
ed.hashes.sha512 = sha512;

function checkSecretKey(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_LENGTH) {
    throw new KeyError(`secret key must be ${SECRET_KEY_LENGTH} bytes`);
  }
}

/**
 * The universal Ed25519 provider (browsers, Node, workers): `@noble/ed25519` v3 with `@noble/hashes` SHA-512,
 * RFC 8032 strict verification (`zip215: false`).
 */
export const nobleEd25519: Ed25519Provider = {
  async sign(secretKey, message) {
    checkSecretKey(secretKey);
    return ed.sign(message, secretKey);
  },
  async verify(publicKey, message, signature) {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
    if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return false;
    if (!(message instanceof Uint8Array)) return false;
    try {
      return ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false; // e.g. a public key that is not a point on the curve
    }
  },
  async publicKeyOf(secretKey) {
    checkSecretKey(secretKey);
    return ed.getPublicKey(secretKey);
  },
  randomSecretKey() {
    return randomBytes(SECRET_KEY_LENGTH);
  },
};
