import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../src/bytes/bytes-equal.js';
import { decodeCanonical } from '../../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { CanonicalDecodingError } from '../../src/errors.js';
import { deepCbor, fuzzParams, fuzzTimeout, mutatedBytes, randomBytes, rawCbor, typedOutcome } from '@titip/testkit/fuzz';
import { canonicalSeeds } from './fuzz-seeds.js';

/** decodeCanonical: a typed refusal, or a value whose canonical encoding is exactly the input (one byte form per value). */
function checkCanonical(bytes: Uint8Array): void {
  const single = typedOutcome(() => decodeCanonical(bytes), [CanonicalDecodingError]);
  const reencoded = typedOutcome(() => decodeCanonical(bytes, { reencodeCheck: true }), [CanonicalDecodingError]);
  expect(reencoded.ok).toBe(single.ok);
  if (single.ok) expect(bytesEqual(encodeCanonical(single.value), bytes)).toBe(true);
}

describe('fuzz: decodeCanonical', () => {
  it('mutated canonical encodings', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(mutatedBytes(canonicalSeeds), checkCanonical), fuzzParams(2000, 0.45, 31));
  });
  it('raw CBOR items', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(rawCbor, checkCanonical), fuzzParams(1500, 0.35, 32));
  });
  it('random bytes and deep nesting', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(fc.oneof(randomBytes(200), deepCbor), checkCanonical), fuzzParams(500, 0.2, 33));
  });
});
