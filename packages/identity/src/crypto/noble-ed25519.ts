import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { KeyError } from '../errors.js';
import { PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH, SIGNATURE_LENGTH, type Ed25519Provider } from './ed25519-provider.js';
import { passesStrictEncoding } from './strict-encoding.js';

// @noble/ed25519 v3 only offers async methods until a synchronous SHA-512 is configured; the sync path is
// several times faster than the WebCrypto-backed async one for small messages.
ed.hashes.sha512 = sha512;

function checkSecretKey(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_LENGTH) {
    throw new KeyError(`secret key must be ${SECRET_KEY_LENGTH} bytes`);
  }
}

/** The order L of the prime-order subgroup of edwards25519. */
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndianNumber(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * RFC 8032 verification with the cofactorless equation `[S]B = R + [k]A`, the one libsodium and OpenSSL check
 * (noble's own `verify` checks the cofactored `[8][S]B = [8]R + [8][k]A`, which also accepts an R or A carrying a
 * small-order component: a signature the key holder can craft that native peers refuse). Encodings are checked
 * by {@link passesStrictEncoding} first.
 */
function verifyCofactorless(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!passesStrictEncoding(publicKey, signature)) return false;
  const r = signature.subarray(0, 32);
  const a = ed.Point.fromBytes(publicKey, false);
  const rPoint = ed.Point.fromBytes(r, false);
  const s = littleEndianNumber(signature.subarray(32, 64));
  const k = littleEndianNumber(sha512(ed.etc.concatBytes(r, publicKey, message))) % GROUP_ORDER;
  return ed.Point.BASE.multiply(s, false).subtract(a.multiply(k, false)).equals(rPoint);
}

/**
 * The universal Ed25519 provider (browsers, Node, workers): `@noble/ed25519` v3 with `@noble/hashes` SHA-512,
 * RFC 8032 strict verification: canonical encodings, no small-order key or R, S < L, the cofactorless equation
 * (so it accepts exactly what the native providers of `@titip/identity/node` accept).
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
      return verifyCofactorless(publicKey, message, signature);
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
