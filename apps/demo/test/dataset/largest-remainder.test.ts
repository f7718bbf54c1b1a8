import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, createRandom, largestRemainder } from '../../src/dataset/index.js';

describe('largestRemainder', () => {
  it('splits in proportion, the remainders going to the largest fractions', () => {
    expect(largestRemainder([10, 14, 20, 8, 13, 25, 3, 9, 5], 58)).toEqual([5, 8, 11, 4, 7, 13, 2, 5, 3]);
    expect(largestRemainder([1, 1, 1], 10)).toEqual([4, 3, 3]);      // ties: lower index first
    expect(largestRemainder([1, 3], 2)).toEqual([0, 2]);             // quotas 0.5, 1.5: tie broken by the larger weight
    expect(largestRemainder([0, 5, 0], 7)).toEqual([0, 7, 0]);
    expect(largestRemainder([0, 0], 0)).toEqual([0, 0]);
  });

  it('always sums to the total with every share within one of its quota (random cases)', () => {
    const random = createRandom(3, 'largest-remainder');
    for (let n = 0; n < 500; n += 1) {
      const weights: number[] = Array.from({ length: random.int(1, 40) }, (): number => (random.next() < 0.1 ? 0 : random.uniform(0, 1000)));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const total = random.int(0, 20_000);
      const shares = largestRemainder(weights, total);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = weights.reduce((a, b) => a + b, 0);
      shares.forEach((s, i) => {
        const quota = (total * (weights[i] ?? 0)) / sum;
        expect(Number.isInteger(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(Math.floor(quota));
        expect(s).toBeLessThanOrEqual(Math.ceil(quota));
      });
    }
  });

  it('rejects bad input with a typed error', () => {
    expect(() => largestRemainder([1, 2], -1)).toThrow(InvalidArgumentError);
    expect(() => largestRemainder([1, 2], 2.5)).toThrow(InvalidArgumentError);
    expect(() => largestRemainder([1, -2], 3)).toThrow(InvalidArgumentError);
    expect(() => largestRemainder([1, Number.NaN], 3)).toThrow(InvalidArgumentError);
    expect(() => largestRemainder([0, 0], 3)).toThrow(InvalidArgumentError);
    expect(() => largestRemainder([], 3)).toThrow(InvalidArgumentError);
  });
});
