import { verify, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { createNodeVerify, nodeEd25519, nodeEd25519Backend } from '../../src/node/node-ed25519.js';
import { KeyObjectCache } from '../../src/node/key-objects.js';
import { createOpensslEd25519 } from '../../src/node/openssl-ed25519.js';
import { createSodiumEd25519 } from '../../src/node/sodium-ed25519.js';
import { craftedSignatures } from '../helpers/crafted-signatures.js';
import { FC_SEED, seededBytes } from '../helpers/seeded.js';
import { runProviderSuite, SMALL_ORDER_POINTS } from '../helpers/provider-suite.js';

runProviderSuite('nodeEd25519', nodeEd25519);

describe('nodeEd25519Backend', () => {
  it('is libsodium where sodium-native ships a prebuilt addon (linux-x64 here)', () => {
    expect(nodeEd25519Backend()).toBe('libsodium');
  });
});

describe('libsodium, OpenSSL and noble give the same verdicts', () => {
  const providers = { sodium: createSodiumEd25519(), openssl: createOpensslEd25519(), noble: nobleEd25519 };
  const verifyNow = createNodeVerify();
  const verdicts = async (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => ({
    sodium: await providers.sodium.verify(publicKey, message, signature),
    openssl: await providers.openssl.verify(publicKey, message, signature),
    noble: await providers.noble.verify(publicKey, message, signature),
    sync: verifyNow(publicKey, message, signature),
  });

  it('on crafted signatures of many keys', async () => {
    for (let i = 0; i < 12; i++) {
      for (const c of craftedSignatures(seededBytes(`crafted-${i}`, 32))) {
        const v = c.expected;
        expect(await verdicts(c.publicKey, c.message, c.signature), c.name).toEqual({ sodium: v, openssl: v, noble: v, sync: v });
      }
    }
  });

  it('on valid signatures with one byte changed anywhere', async () => {
    const secret = seededBytes('bitflip', 32);
    const publicKey = await nobleEd25519.publicKeyOf(secret);
    const message = seededBytes('bitflip-message', 100);
    const signature = await nobleEd25519.sign(secret, message);
    for (let i = 0; i < 96; i++) {
      const key = Uint8Array.from(publicKey);
      const sig = Uint8Array.from(signature);
      if (i < 32) key[i]! ^= 0x80 >> (i % 8);
      else sig[i - 32]! ^= 0x80 >> (i % 8);
      const all = await verdicts(key, message, sig);
      expect(new Set(Object.values(all)), `byte ${i}`).toEqual(new Set([false]));
    }
  });
});

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

  it('re-imports a secret key whose array was mutated after caching (OpenSSL)', async () => {
    const provider = createOpensslEd25519(2);
    const secretKey = new Uint8Array(32).fill(7);
    const first = await provider.publicKeyOf(secretKey);
    secretKey[0] = 8;
    const second = await provider.publicKeyOf(secretKey);
    expect(toHex(second)).not.toBe(toHex(first));
    expect(toHex(second)).toBe(toHex(await nobleEd25519.publicKeyOf(secretKey)));
  });
});

describe('KeyObjectCache: WebCrypto raw import and DER import', () => {
  it('give the same verdicts on valid, tampered, small-order, non-canonical and garbage keys', async () => {
    const message = Uint8Array.of(1, 2, 3);
    const cases: { key: Uint8Array; signature: Uint8Array }[] = [];
    for (let i = 0; i < 40; i++) {
      const secret = seededBytes(`import-${i}`, 32);
      const key = await nodeEd25519.publicKeyOf(secret);
      const signature = await nodeEd25519.sign(secret, message);
      cases.push({ key, signature });
      const flipped = Uint8Array.from(key);
      flipped[i % 32]! ^= 1 << (i % 8);
      cases.push({ key: flipped, signature });
    }
    for (const hex of [...SMALL_ORDER_POINTS, 'ff'.repeat(32), `${'ff'.repeat(31)}7f`, 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f']) {
      cases.push({ key: fromHex(hex), signature: new Uint8Array(64) });
    }
    for (let i = 0; i < 40; i++) cases.push({ key: seededBytes(`garbage-key-${i}`, 32), signature: seededBytes(`garbage-sig-${i}`, 64) });
    const verdict = (key: KeyObject | null, signature: Uint8Array) => {
      if (key === null) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    };
    const der = new KeyObjectCache();
    const raw = new KeyObjectCache();
    for (const { key, signature } of cases) {
      expect(verdict(await raw.publicAsync(key), signature), toHex(key)).toBe(verdict(der.public(key), signature));
    }
    expect(cases.slice(0, 80).filter((_, i) => i % 2 === 0).every((c) => verdict(der.public(c.key), c.signature))).toBe(true);
  });
});
