import { createRequire } from 'node:module';
import { PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH, SIGNATURE_LENGTH, type Ed25519Provider, type VerifyBytes } from '../crypto/ed25519-provider.js';
import { passesStrictEncoding } from '../crypto/strict-encoding.js';
import { KeyError } from '../errors.js';

/** The parts of `sodium-native` (libsodium's Node binding, prebuilt per platform) this provider uses. */
interface SodiumBinding {
  crypto_sign_seed_keypair(publicKey: Uint8Array, secretKey: Uint8Array, seed: Uint8Array): void;
  crypto_sign_detached(signature: Uint8Array, message: Uint8Array, secretKey: Uint8Array): void;
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  randombytes_buf(buffer: Uint8Array): void;
}

let binding: SodiumBinding | null | undefined;

/**
 * The libsodium binding, loaded once; null when the addon cannot load on this platform (no prebuilt binary).
 */
export function loadSodium(): SodiumBinding | null {
  if (binding === undefined) {
    try {
      binding = createRequire(import.meta.url)('sodium-native') as SodiumBinding;
    } catch {
      binding = null;
    }
  }
  return binding;
}

/**
 * The synchronous verification of {@link createSodiumEd25519}: false (never throws) on malformed input.
 * @throws {KeyError} when libsodium cannot load here.
 */
export function createSodiumVerify(): VerifyBytes {
  const sodium = loadSodium();
  if (sodium === null) throw new KeyError('libsodium (sodium-native) cannot load on this platform');
  return (publicKey, message, signature) => {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
    if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return false;
    if (!(message instanceof Uint8Array)) return false;
    if (!passesStrictEncoding(publicKey, signature)) return false;
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  };
}

function checkSecretKey(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_LENGTH) {
    throw new KeyError(`secret key must be ${SECRET_KEY_LENGTH} bytes`);
  }
}

/**
 * Creates an Ed25519 provider on libsodium (`sodium-native`): verification about 2.2× and signing 2× faster than
 * OpenSSL through `node:crypto` on this project's machines (50 vs 112 µs, 20 vs 40 µs), and raw 32-byte keys
 * with no key import. Checks {@link passesStrictEncoding} first, like every provider, so verdicts are the same.
 * Expanded secret keys (seed ‖ public key, what libsodium signs with) are cached by the identity of the seed's
 * array, re-derived if it was mutated.
 * @throws {KeyError} when libsodium cannot load here (`loadSodium()` is null): use `createOpensslEd25519` then.
 */
export function createSodiumEd25519(): Ed25519Provider {
  const sodium = loadSodium();
  if (sodium === null) throw new KeyError('libsodium (sodium-native) cannot load on this platform');
  const verifyBytes = createSodiumVerify();
  const expanded = new WeakMap<Uint8Array, { seed: Uint8Array; secretKey: Uint8Array; publicKey: Uint8Array }>();
  const keysOf = (seed: Uint8Array) => {
    checkSecretKey(seed);
    const hit = expanded.get(seed);
    if (hit !== undefined && Buffer.compare(hit.seed, seed) === 0) return hit;
    const keys = { seed: Uint8Array.from(seed), secretKey: new Uint8Array(64), publicKey: new Uint8Array(PUBLIC_KEY_LENGTH) };
    sodium.crypto_sign_seed_keypair(keys.publicKey, keys.secretKey, keys.seed);
    expanded.set(seed, keys);
    return keys;
  };
  return {
    async sign(secretKey, message) {
      const { secretKey: full } = keysOf(secretKey);
      const signature = new Uint8Array(SIGNATURE_LENGTH);
      sodium.crypto_sign_detached(signature, message, full);
      return signature;
    },
    async verify(publicKey, message, signature) {
      return verifyBytes(publicKey, message, signature);
    },
    async publicKeyOf(secretKey) {
      return Uint8Array.from(keysOf(secretKey).publicKey);
    },
    randomSecretKey() {
      const seed = new Uint8Array(SECRET_KEY_LENGTH);
      sodium.randombytes_buf(seed);
      return seed;
    },
  };
}
