import { describe, expect, it } from 'vitest';
import { decodeCanonical } from '../../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { signObject } from '../../src/envelope/sign-object.js';
import { signingBytes } from '../../src/envelope/signing-bytes.js';
import { CanonicalEncodingError, KeyError, MalformedObjectError } from '../../src/errors.js';
import { hashHex } from '../../src/hash/sha256.js';
import { seededKeyPair } from '../helpers/chain-builder.js';

describe('signObject', () => {
  it('builds [1, kind, body, signer, signature] whose signature covers the signing input and whose hash is its id', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const body = { text: 'halo', n: 1 };
    const obj = await signObject('note', body, kp, nobleEd25519);
    expect(decodeCanonical(obj.bytes)).toEqual([1, 'note', body, kp.publicKey, obj.signature]);
    expect(obj.hash).toBe(hashHex(obj.bytes));
    const message = encodeCanonical(['titip/sig/v1', 'note', kp.publicKey, body]);
    expect(signingBytes('note', kp.publicKey, body)).toEqual(message);
    expect(await nobleEd25519.verify(kp.publicKey, message, obj.signature)).toBe(true);
  });

  it('gives byte for byte the arrays encoded whole, for short and long kinds and bodies', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const bodies = [{}, { text: 'halo', n: 1 }, { blob: new Uint8Array(70_000).fill(7), list: [1, 2, [3]], neg: -5 }, { nested: { deep: { k: 'v' } } }];
    for (const kind of ['n', 'receipt', 'a'.repeat(24), 'b'.repeat(32)]) {
      for (const body of bodies) {
        const obj = await signObject(kind, body, kp, nobleEd25519);
        expect(obj.bytes).toEqual(encodeCanonical([1, kind, body, kp.publicKey, obj.signature]));
        expect(await nobleEd25519.verify(kp.publicKey, signingBytes(kind, kp.publicKey, body), obj.signature)).toBe(true);
      }
    }
  });

  it('refuses a provider signature that is not 64 bytes', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const short = { ...nobleEd25519, sign: async () => new Uint8Array(63) };
    await expect(signObject('note', {}, kp, short)).rejects.toBeInstanceOf(KeyError);
  });

  it('is deterministic: same body and key give the same bytes and id, key order does not matter', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const a = await signObject('note', { a: 1, b: 2 }, kp, nobleEd25519);
    const b = await signObject('note', { b: 2, a: 1 }, kp, nobleEd25519);
    expect(a.hash).toBe(b.hash);
  });

  it('refuses non-canonical bodies and bad kinds', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    await expect(signObject('note', { x: 0.5 }, kp, nobleEd25519)).rejects.toBeInstanceOf(CanonicalEncodingError);
    await expect(signObject('Note!', {}, kp, nobleEd25519)).rejects.toBeInstanceOf(MalformedObjectError);
    await expect(signObject('note', {}, { ...kp, publicKey: new Uint8Array(3) }, nobleEd25519)).rejects.toBeInstanceOf(KeyError);
  });
});
