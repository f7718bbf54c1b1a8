import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { hashHex, nativeSha256, sha256 } from '../../src/hash/sha256.js';
import { seededBytes } from '../helpers/seeded.js';

describe('sha256', () => {
  it('matches FIPS 180-2 vectors', () => {
    expect(hashHex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('uses node:crypto on Node, and agrees with @noble/hashes on random inputs and on views into larger buffers', () => {
    expect(nativeSha256).toBe(true);
    for (let i = 0; i < 200; i++) {
      const bytes = seededBytes(`sha-${i}`, i * 13);
      expect(hashHex(bytes)).toBe(toHex(nobleSha256(bytes)));
      expect(sha256(bytes)).toEqual(nobleSha256(bytes));
    }
    const big = seededBytes('sha-view', 4096);
    const view = big.subarray(100, 1300);
    expect(hashHex(view)).toBe(toHex(nobleSha256(Uint8Array.from(view))));
  });

  it('returns a plain 32-byte Uint8Array with its own buffer (not a Node Buffer)', () => {
    const digest = sha256(Uint8Array.of(1, 2, 3));
    expect(Object.getPrototypeOf(digest)).toBe(Uint8Array.prototype);
    expect(digest.buffer.byteLength).toBe(32);
  });
});
