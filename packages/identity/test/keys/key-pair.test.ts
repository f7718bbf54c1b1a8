import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { KeyError } from '../../src/errors.js';
import { generateKeyPair, keyPairFromSeed } from '../../src/keys/key-pair.js';

describe('key pairs', () => {
  it('keyPairFromSeed is deterministic and copies the seed', async () => {
    const seed = new Uint8Array(32).fill(9);
    const a = await keyPairFromSeed(seed, nobleEd25519);
    const b = await keyPairFromSeed(seed, nobleEd25519);
    expect(toHex(a.publicKey)).toBe(toHex(b.publicKey));
    seed[0] = 1;
    expect(a.secretKey[0]).toBe(9);
  });

  it('generateKeyPair gives distinct working keys', async () => {
    const a = await generateKeyPair(nobleEd25519);
    const b = await generateKeyPair(nobleEd25519);
    expect(toHex(a.publicKey)).not.toBe(toHex(b.publicKey));
    const msg = new Uint8Array([1]);
    expect(await nobleEd25519.verify(a.publicKey, msg, await nobleEd25519.sign(a.secretKey, msg))).toBe(true);
  });

  it('refuses seeds that are not 32 bytes', async () => {
    await expect(keyPairFromSeed(new Uint8Array(16), nobleEd25519)).rejects.toBeInstanceOf(KeyError);
  });
});
