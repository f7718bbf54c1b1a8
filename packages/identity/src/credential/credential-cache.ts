import { LruMap } from '../util/lru-map.js';
import type { CredentialBody } from './credential-body.js';

/** What the cache remembers of a credential envelope whose decoding, schema and signature were checked. */
export interface VerifiedCredential {
  body: CredentialBody;
  signer: Uint8Array;
}

/**
 * A bounded LRU of credential envelopes already decoded and signature-checked, keyed by the envelope's hash.
 * Verifying 10,000 submissions under one issuer then checks the issuer credential's signature once.
 * Only facts about the bytes are cached (they hold whatever the trust root or time): structure, scope and
 * validity window are re-checked on every verification.
 */
export interface CredentialCache {
  /** The verified credential with this envelope hash, if cached. */
  get(hash: string): VerifiedCredential | undefined;
  /** Remembers a verified credential. */
  set(hash: string, credential: VerifiedCredential): void;
  /** Counters, for monitoring and tests. */
  stats(): { hits: number; misses: number; size: number };
}

/**
 * Creates a {@link CredentialCache}.
 * @param maxEntries - least recently used entries are forgotten beyond this. @default 10000
 */
export function createCredentialCache(maxEntries = 10_000): CredentialCache {
  const map = new LruMap<string, VerifiedCredential>(maxEntries);
  let hits = 0;
  let misses = 0;
  return {
    get(hash) {
      const hit = map.get(hash);
      if (hit === undefined) misses++;
      else hits++;
      return hit;
    },
    set(hash, credential) {
      map.set(hash, credential);
    },
    stats: () => ({ hits, misses, size: map.size }),
  };
}
