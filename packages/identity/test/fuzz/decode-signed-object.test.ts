import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../src/bytes/bytes-equal.js';
import { decodeCanonical } from '../../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { decodeSignedObject } from '../../src/envelope/decode-signed-object.js';
import { verifySignature } from '../../src/envelope/verify-signature.js';
import { MalformedObjectError } from '../../src/errors.js';
import { fuzzParams, fuzzTimeout, mutatedBytes, oddJson, rawCbor, typedOutcome } from '@titip/testkit/fuzz';
import { envelopes, provider } from './fuzz-seeds.js';

/** decodeSignedObject: a typed refusal, or an envelope whose signature fails unless the bytes are a seed's. */
async function checkEnvelope(bytes: Uint8Array): Promise<void> {
  const outcome = typedOutcome(() => decodeSignedObject(bytes), [MalformedObjectError]);
  if (!outcome.ok) return;
  const obj = outcome.value;
  expect(obj.signer).toHaveLength(32);
  expect(obj.signature).toHaveLength(64);
  if (!envelopes.some((e) => bytesEqual(e, bytes))) expect(await verifySignature(obj, provider)).toBe(false);
}

describe('fuzz: decodeSignedObject', () => {
  it('mutated envelopes never verify', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(envelopes), checkEnvelope), fuzzParams(2000, 0.7, 34));
  });
  it('envelope-shaped arrays of random items', { timeout: fuzzTimeout }, async () => {
    const oddItem = oddJson.map((v) => {
      try {
        return encodeCanonical(v as never);
      } catch {
        return Uint8Array.of(0xf6); // floats are not canonical: null instead
      }
    });
    const arb = fc.tuple(fc.constantFrom(...envelopes), fc.nat(4), fc.oneof(rawCbor, oddItem)).map(([seed, slot, item]) => {
      const value = decodeCanonical(seed) as unknown[];
      // replace one element with any CBOR item, then write the 5-array by hand (the item may be non-canonical)
      const parts = value.map((v, i) => (i === slot ? item : encodeCanonical(v as never)));
      return Uint8Array.from([0x85, ...parts.flatMap((p) => [...p])]);
    });
    await fc.assert(fc.asyncProperty(arb, checkEnvelope), fuzzParams(1000, 0.3, 35));
  });
});
