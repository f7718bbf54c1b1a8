import { sha256 } from '../../src/hash/sha256.js';

/**
 * Deterministic pseudo-random bytes for tests: SHA-256 in counter mode over a seed string.
 * A failing run replays exactly.
 */
export function seededBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const seedBytes = new TextEncoder().encode(seed);
  let counter = 0;
  for (let o = 0; o < length; o += 32) {
    const input = new Uint8Array(seedBytes.length + 4);
    input.set(seedBytes);
    new DataView(input.buffer).setUint32(seedBytes.length, counter++);
    out.set(sha256(input).subarray(0, Math.min(32, length - o)), o);
  }
  return out;
}

/** Fixed seed used by fast-check properties in this package. */
export const FC_SEED = 20241127;
