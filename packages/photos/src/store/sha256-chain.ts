import { _SHA256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 resumed from a chaining state. SHA-256 (Merkle–Damgård) hashes a message block by block, carrying a
 * 32-byte state; after a prefix whose length is a multiple of 64 bytes, that state and the prefix length are all the
 * hash needs to continue. `@noble/hashes` keeps the state in protected fields; this subclass reads and sets them.
 */
class ResumableSha256 extends _SHA256 {
  static resume(state: Uint8Array, offset: number): ResumableSha256 {
    const hash = new ResumableSha256();
    const view = new DataView(state.buffer, state.byteOffset, 32);
    hash.set(
      view.getUint32(0),
      view.getUint32(4),
      view.getUint32(8),
      view.getUint32(12),
      view.getUint32(16),
      view.getUint32(20),
      view.getUint32(24),
      view.getUint32(28),
    );
    hash.length = offset;
    return hash;
  }

  /** The chaining state after the bytes fed so far (a whole number of blocks). */
  chainingState(): Uint8Array {
    if (this.pos !== 0) throw new RangeError('a chaining state exists only at a block boundary');
    const out = new Uint8Array(32);
    const view = new DataView(out.buffer);
    this.get().forEach((word, i) => view.setUint32(i * 4, word));
    return out;
  }
}

/** The SHA-256 initial state (FIPS 180-4 §5.3.3): the chaining state before the first chunk. */
export const SHA256_INITIAL_STATE: Uint8Array = ResumableSha256.resume(
  new Uint8Array([
    0x6a, 0x09, 0xe6, 0x67, 0xbb, 0x67, 0xae, 0x85, 0x3c, 0x6e, 0xf3, 0x72, 0xa5, 0x4f, 0xf5, 0x3a, 0x51, 0x0e, 0x52, 0x7f,
    0x9b, 0x05, 0x68, 0x8c, 0x1f, 0x83, 0xd9, 0xab, 0x5b, 0xe0, 0xcd, 0x19,
  ]),
  0,
).chainingState();

/**
 * The chaining state after `bytes`, continuing from `state` at byte `offset` of the message. `offset` and
 * `bytes.length` must be multiples of 64.
 */
export function advanceState(state: Uint8Array, offset: number, bytes: Uint8Array): Uint8Array {
  return ResumableSha256.resume(state, offset).update(bytes).chainingState();
}

/** The SHA-256 digest of a message whose first `offset` bytes left `state`, and whose remaining bytes are `bytes`. */
export function finishDigest(state: Uint8Array, offset: number, bytes: Uint8Array): Uint8Array {
  return ResumableSha256.resume(state, offset).update(bytes).digest();
}

/**
 * Hashes `bytes` once, returning the SHA-256 digest and the chaining state before each chunk of `chunkSize` bytes
 * (`states[0]` is {@link SHA256_INITIAL_STATE}). `chunkSize` must be a multiple of 64.
 */
export function chainStates(bytes: Uint8Array, chunkSize: number): { digest: Uint8Array; states: Uint8Array[] } {
  const hash = ResumableSha256.resume(SHA256_INITIAL_STATE, 0);
  const states: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    states.push(hash.chainingState());
    hash.update(bytes.subarray(offset, Math.min(bytes.length, offset + chunkSize)));
  }
  return { digest: hash.digest(), states };
}
