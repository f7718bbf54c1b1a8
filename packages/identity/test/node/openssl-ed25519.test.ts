import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { createOpensslEd25519, createOpensslVerify } from '../../src/node/openssl-ed25519.js';
import { runProviderSuite } from '../helpers/provider-suite.js';
import { seededBytes } from '../helpers/seeded.js';

runProviderSuite('createOpensslEd25519()', createOpensslEd25519());

describe('createOpensslVerify', () => {
  it('gives the provider verdicts synchronously, importing new keys itself', async () => {
    const verify = createOpensslVerify(2);
    for (let i = 0; i < 5; i++) {
      const secret = seededBytes(`openssl-${i}`, 32);
      const message = seededBytes(`openssl-message-${i}`, 50);
      const publicKey = await nobleEd25519.publicKeyOf(secret);
      const signature = await nobleEd25519.sign(secret, message);
      expect(verify(publicKey, message, signature)).toBe(true);
      signature[3]! ^= 1;
      expect(verify(publicKey, message, signature)).toBe(false);
    }
    expect(verify(new Uint8Array(31), new Uint8Array(1), new Uint8Array(64))).toBe(false);
  });
});
