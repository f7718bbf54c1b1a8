import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes/hex.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { decodeSignedObject } from '../../src/envelope/decode-signed-object.js';
import { signObject } from '../../src/envelope/sign-object.js';
import { MalformedObjectError } from '../../src/errors.js';
import { seededKeyPair } from '../helpers/chain-builder.js';

function malformed(bytes: Uint8Array, options?: Parameters<typeof decodeSignedObject>[1]): string {
  try {
    decodeSignedObject(bytes, options);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedObjectError);
    return (error as MalformedObjectError).reason;
  }
}

describe('decodeSignedObject', () => {
  it('decodes what signObject built, with the same hash', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const obj = await signObject('note', { text: 'halo' }, kp, nobleEd25519);
    const back = decodeSignedObject(obj.bytes, { kind: 'note' });
    expect(back).toEqual(obj);
  });

  it('refuses bad envelope shapes', async () => {
    const sig = new Uint8Array(64);
    const key = new Uint8Array(32);
    const cases = [
      encodeCanonical([1, 'note', {}, key]),
      encodeCanonical([2, 'note', {}, key, sig]),
      encodeCanonical([1, 'Note', {}, key, sig]),
      encodeCanonical([1, 'note', [], key, sig]),
      encodeCanonical([1, 'note', {}, key.subarray(1), sig]),
      encodeCanonical([1, 'note', {}, key, sig.subarray(1)]),
      encodeCanonical({ v: 1 }),
    ];
    for (const bytes of cases) expect(malformed(bytes)).toBe('envelope');
    expect(malformed(encodeCanonical([1, 'note', {}, key, sig]), { kind: 'credential' })).toBe('envelope');
  });

  it('passes on the CBOR reason for non-canonical or oversized bytes', async () => {
    const kp = await seededKeyPair('signer', nobleEd25519);
    const obj = await signObject('note', { text: 'halo' }, kp, nobleEd25519);
    expect(malformed(obj.bytes, { maxBytes: obj.bytes.length - 1 })).toBe('too-large');
    const trailing = new Uint8Array(obj.bytes.length + 1);
    trailing.set(obj.bytes);
    expect(malformed(trailing)).toBe('trailing-bytes');
    // 0x01 re-encoded as 0x1801 (non-shortest version integer)
    const nonShortest = new Uint8Array(obj.bytes.length + 1);
    nonShortest.set([0x85, 0x18, 0x01]);
    nonShortest.set(obj.bytes.subarray(2), 3);
    expect(malformed(nonShortest)).toBe('non-canonical');
    expect(malformed(fromHex('ff'))).toBe('indefinite-length');
  });
});
