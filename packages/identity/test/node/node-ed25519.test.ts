import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { createNodeEd25519, nodeEd25519 } from '../../src/node/node-ed25519.js';
import { FC_SEED } from '../helpers/seeded.js';
import { runProviderSuite } from '../helpers/provider-suite.js';

runProviderSuite('nodeEd25519', nodeEd25519);

describe('nodeEd25519 against nobleEd25519', () => {
  it('derives the same public keys and identical signatures on many random inputs, and cross-verifies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 600 }),
        async (secretKey, message) => {
          const pkNode = await nodeEd25519.publicKeyOf(secretKey);
          const pkNoble = await nobleEd25519.publicKeyOf(secretKey);
          expect(toHex(pkNode)).toBe(toHex(pkNoble));
          const sigNode = await nodeEd25519.sign(secretKey, message);
          const sigNoble = await nobleEd25519.sign(secretKey, message);
          expect(toHex(sigNode)).toBe(toHex(sigNoble));
          expect(await nobleEd25519.verify(pkNode, message, sigNode)).toBe(true);
          expect(await nodeEd25519.verify(pkNoble, message, sigNoble)).toBe(true);
        },
      ),
      { seed: FC_SEED, numRuns: 300 },
    );
  });

  it('agrees on random garbage signatures and keys (both reject)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        async (publicKey, message, signature) => {
          const a = await nodeEd25519.verify(publicKey, message, signature);
          const b = await nobleEd25519.verify(publicKey, message, signature);
          expect(a).toBe(b);
        },
      ),
      { seed: FC_SEED, numRuns: 200 },
    );
  });

  it('re-imports a secret key whose array was mutated after caching', async () => {
    const provider = createNodeEd25519(2);
    const secretKey = new Uint8Array(32).fill(7);
    const first = await provider.publicKeyOf(secretKey);
    secretKey[0] = 8;
    const second = await provider.publicKeyOf(secretKey);
    expect(toHex(second)).not.toBe(toHex(first));
    expect(toHex(second)).toBe(toHex(await nobleEd25519.publicKeyOf(secretKey)));
  });
});
