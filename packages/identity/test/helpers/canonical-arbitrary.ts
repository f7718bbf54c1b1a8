import fc from 'fast-check';
import type { CanonicalValue } from '../../src/canonical/canonical-value.js';

/**
 * Arbitrary canonical values whose decoding is `toEqual` to themselves: bigints only outside the safe range
 * (inside it they decode as numbers).
 */
export const canonicalValue: fc.Arbitrary<CanonicalValue> = fc.letrec<{ value: CanonicalValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.oneof(
      fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 2n ** 64n - 1n }),
      fc.bigInt({ min: -(2n ** 64n), max: BigInt(Number.MIN_SAFE_INTEGER) - 1n }),
    ),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;
