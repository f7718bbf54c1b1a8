import { createPrivateKey, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import { toHex } from '../bytes/hex.js';
import { LruMap } from '../util/lru-map.js';

// DER prefixes that wrap a raw 32-byte Ed25519 key (RFC 8410): PKCS#8 for secret keys, SPKI for public keys.
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

function withPrefix(prefix: Uint8Array, key: Uint8Array): Uint8Array {
  const der = new Uint8Array(prefix.length + key.length);
  der.set(prefix, 0);
  der.set(key, prefix.length);
  return der;
}

/** A node:crypto KeyObject for a raw 32-byte Ed25519 secret key. */
export function secretKeyObject(secretKey: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(withPrefix(PKCS8_PREFIX, secretKey)), format: 'der', type: 'pkcs8' });
}

/** A node:crypto KeyObject for a raw 32-byte Ed25519 public key. Throws if OpenSSL refuses the key. */
export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(withPrefix(SPKI_PREFIX, publicKey)), format: 'der', type: 'spki' });
}

/**
 * Caches KeyObjects so repeated signing or verification with the same key skips the DER import.
 * Secret keys are cached by the identity of their Uint8Array (a WeakMap: no copy of the secret is kept as a
 * map key, and the entry dies with the array); public keys by their hex, in a bounded LRU.
 */
export class KeyObjectCache {
  readonly #secret = new WeakMap<Uint8Array, { copy: Uint8Array; key: KeyObject }>();
  readonly #public: LruMap<string, KeyObject | null>;

  constructor(maxPublicKeys = 4096) {
    this.#public = new LruMap(maxPublicKeys);
  }

  /** KeyObject of a secret key (re-imported if the array was mutated since it was cached). */
  secret(secretKey: Uint8Array): KeyObject {
    const hit = this.#secret.get(secretKey);
    if (hit !== undefined && Buffer.compare(hit.copy, secretKey) === 0) return hit.key;
    const key = secretKeyObject(secretKey);
    this.#secret.set(secretKey, { copy: Uint8Array.from(secretKey), key });
    return key;
  }

  /** KeyObject of a public key, or null when OpenSSL rejects the bytes as a key. */
  public(publicKey: Uint8Array): KeyObject | null {
    const id = toHex(publicKey);
    const hit = this.#public.get(id);
    if (hit !== undefined) return hit;
    let key: KeyObject | null;
    try {
      key = publicKeyObject(publicKey);
    } catch {
      key = null;
    }
    this.#public.set(id, key);
    return key;
  }

  /**
   * {@link KeyObjectCache.public}, importing a new key through WebCrypto's raw import (about three times
   * cheaper than `createPublicKey` on DER, whose argument checks throw and catch internally). Same keys, same
   * verdicts; null when the key is refused.
   */
  async publicAsync(publicKey: Uint8Array): Promise<KeyObject | null> {
    const id = toHex(publicKey);
    const hit = this.#public.get(id);
    if (hit !== undefined) return hit;
    let key: KeyObject | null;
    try {
      key = KeyObject.from(await webcrypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, true, ['verify']));
    } catch {
      key = null;
    }
    this.#public.set(id, key);
    return key;
  }
}
