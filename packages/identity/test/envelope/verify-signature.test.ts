import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { decodeSignedObject } from '../../src/envelope/decode-signed-object.js';
import { signObject } from '../../src/envelope/sign-object.js';
import { signingBytes, signingBytesOf, verifyItemOf } from '../../src/envelope/signing-bytes.js';
import { verifySignature } from '../../src/envelope/verify-signature.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { hashHex } from '../../src/hash/sha256.js';
import { canonicalValue } from '../helpers/canonical-arbitrary.js';
import { seededKeyPair } from '../helpers/chain-builder.js';
import { FC_SEED } from '../helpers/seeded.js';
import { nodeEd25519 } from '../../src/node/node-ed25519.js';

describe('verifySignature', () => {
  it('accepts an untouched object with either provider', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const obj = await signObject('note', { text: 'halo', n: 1 }, kp, nobleEd25519);
    expect(await verifySignature(obj, nobleEd25519)).toBe(true);
    expect(await verifySignature(decodeSignedObject(obj.bytes), nodeEd25519)).toBe(true);
  });

  it('rejects an altered body (re-encoded canonically, so only the signature catches it)', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const obj = await signObject('note', { text: 'halo', n: 1 }, kp, nobleEd25519);
    const altered = encodeCanonical([1, 'note', { text: 'halo', n: 2 }, obj.signer, obj.signature]);
    const decoded = decodeSignedObject(altered);
    expect(decoded.hash).not.toBe(obj.hash);
    expect(await verifySignature(decoded, nobleEd25519)).toBe(false);
  });

  it('rejects a changed kind, a forged signature and a swapped signer', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const mallory = await seededKeyPair('mallory', nobleEd25519);
    const obj = await signObject('note', { text: 'halo' }, kp, nobleEd25519);
    const rekind = decodeSignedObject(encodeCanonical([1, 'memo', obj.body, obj.signer, obj.signature]));
    expect(await verifySignature(rekind, nobleEd25519)).toBe(false);
    const forged = Uint8Array.from(obj.signature);
    forged[0]! ^= 0x80;
    expect(await verifySignature(decodeSignedObject(encodeCanonical([1, 'note', obj.body, obj.signer, forged])), nobleEd25519)).toBe(false);
    const swapped = decodeSignedObject(encodeCanonical([1, 'note', obj.body, mallory.publicKey, obj.signature]));
    expect(await verifySignature(swapped, nobleEd25519)).toBe(false);
  });

  it('checks the stored bytes, not the decoded fields beside them', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const mallory = await seededKeyPair('mallory', nobleEd25519);
    const obj = await signObject('note', { text: 'halo' }, kp, nobleEd25519);
    // Fields rewritten by hand next to intact bytes: verification is about the bytes (what is hashed and stored).
    const other = await signObject('note', { text: 'evil' }, mallory, nobleEd25519);
    expect(await verifySignature({ ...other, bytes: obj.bytes }, nobleEd25519)).toBe(true);
    expect(await verifySignature({ ...obj, bytes: obj.bytes.subarray(0, 50) }, nobleEd25519)).toBe(false);
  });

  it('signingBytesOf (spliced from the envelope) equals signingBytes (re-encoded) for any body and kind', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 6 }), canonicalValue, { maxKeys: 4 }),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/),
        async (body, kind) => {
          const obj = await signObject(kind, body, kp, nobleEd25519);
          const decoded = decodeSignedObject(obj.bytes);
          expect(signingBytesOf(decoded)).toEqual(signingBytes(kind, kp.publicKey, decoded.body));
          const item = verifyItemOf(decoded);
          expect(item.publicKey).toEqual(kp.publicKey);
          expect(item.signature).toEqual(obj.signature);
          expect(hashHex(decoded.bytes)).toBe(obj.hash);
        },
      ),
      { seed: FC_SEED, numRuns: 150 },
    );
  });
});
