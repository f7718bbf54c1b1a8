import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../src/constants.js';
import { advanceState, chainStates, finishDigest, SHA256_INITIAL_STATE } from '../../src/store/sha256-chain.js';
import { seededBytes } from '../fixtures.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SHA-256 chaining states', () => {
  it('the initial state is the FIPS 180-4 IV', () => {
    expect(hex(SHA256_INITIAL_STATE)).toBe('6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19');
  });

  it.each([1, 63, 64, 65, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 200_000])(
    'gives the SHA-256 of %i bytes, and each state resumes to the next one and to the digest',
    (size) => {
      const bytes = seededBytes(size, size);
      const { digest, states } = chainStates(bytes, CHUNK_SIZE);
      expect(hex(digest)).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(states).toHaveLength(Math.ceil(size / CHUNK_SIZE));
      expect(states[0]).toEqual(SHA256_INITIAL_STATE);
      const last = states.length - 1;
      for (let i = 0; i < last; i++) {
        expect(advanceState(states[i]!, i * CHUNK_SIZE, bytes.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE))).toEqual(states[i + 1]);
      }
      expect(finishDigest(states[last]!, last * CHUNK_SIZE, bytes.subarray(last * CHUNK_SIZE))).toEqual(digest);
    },
  );

  it('the digest depends on the offset a state is resumed at (the length is in the padding)', () => {
    const bytes = seededBytes(2 * CHUNK_SIZE, 7);
    const { digest, states } = chainStates(bytes, CHUNK_SIZE);
    expect(finishDigest(states[1]!, 0, bytes.subarray(CHUNK_SIZE))).not.toEqual(digest);
  });
});
