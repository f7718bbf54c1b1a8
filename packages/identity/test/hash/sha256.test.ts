import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { hashHex, sha256 } from '../../src/hash/sha256.js';

describe('sha256', () => {
  it('matches FIPS 180-2 vectors', () => {
    expect(hashHex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
