import { describe, expect, it } from 'vitest';
import { providerBatchVerifier } from '../../src/crypto/batch-verifier.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { keyPairFromSeed } from '../../src/keys/key-pair.js';
import { seededBytes } from '../helpers/seeded.js';

describe('providerBatchVerifier', () => {
  it('verifies items in order, malformed ones false', async () => {
    const kp = await keyPairFromSeed(seededBytes('batch', 32), nobleEd25519);
    const message = seededBytes('m', 40);
    const signature = await nobleEd25519.sign(kp.secretKey, message);
    const results = await providerBatchVerifier(nobleEd25519).verifyBatch([
      { publicKey: kp.publicKey, message, signature },
      { publicKey: kp.publicKey, message: message.subarray(1), signature },
      { publicKey: kp.publicKey.subarray(2), message, signature },
    ]);
    expect(results).toEqual([true, false, false]);
  });
});
