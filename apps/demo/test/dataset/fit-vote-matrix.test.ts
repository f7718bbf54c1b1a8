import { describe, expect, it } from 'vitest';
import { GenerationError, createRandom } from '../../src/dataset/index.js';
import { fitVoteMatrix } from '../../src/dataset/fit-vote-matrix.js';

const rowSums = (m: number[][]): number[] => m.map((r) => r.reduce((a, b) => a + b, 0));
const colSums = (m: number[][]): number[] => (m[0] ?? []).map((_, p) => m.reduce((a, r) => a + (r[p] ?? 0), 0));

describe('fitVoteMatrix', () => {
  it('meets both margins exactly and follows the preferences', () => {
    const m = fitVoteMatrix([300, 300, 300], [450, 450], [[3, 1], [1, 1], [1, 3]]);
    expect(rowSums(m)).toEqual([300, 300, 300]);
    expect(colSums(m)).toEqual([450, 450]);
    expect(m[0]![0]).toBeGreaterThan(m[0]![1]!);
    expect(m[2]![1]).toBeGreaterThan(m[2]![0]!);
  });

  it('meets both margins for random shapes, with non-negative integers, including tiny last columns', () => {
    const random = createRandom(11, 'fit');
    for (let n = 0; n < 200; n += 1) {
      const rows = random.int(1, 30);
      const cols = random.int(1, 5);
      const rowTotals = Array.from({ length: rows }, () => random.int(0, 500));
      const total = rowTotals.reduce((a, b) => a + b, 0);
      const shares = Array.from({ length: cols }, (_, p) => (p === cols - 1 ? 0.002 : random.uniform(0, 1)));
      const columnTotals = splitTotal(total, shares);
      const preference = rowTotals.map(() => shares.map((s) => s * Math.exp(0.5 * random.normal())));
      const m = fitVoteMatrix(rowTotals, columnTotals, preference);
      expect(rowSums(m)).toEqual(rowTotals);
      expect(colSums(m)).toEqual(columnTotals);
      expect(m.flat().every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    }
  });

  it('gives a paslon with no votes zero everywhere', () => {
    expect(fitVoteMatrix([5, 7], [12, 0], [[1, 1], [1, 1]])).toEqual([[5, 0], [7, 0]]);
  });

  it('rejects margins that disagree and mismatched shapes', () => {
    expect(() => fitVoteMatrix([5, 5], [4, 5], [[1, 1], [1, 1]])).toThrow(GenerationError);
    expect(() => fitVoteMatrix([5, 5], [5, 5], [[1, 1]])).toThrow(GenerationError);
    expect(() => fitVoteMatrix([0], [], [[]])).toThrow(GenerationError);
  });
});

function splitTotal(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((s) => Math.floor((total * s) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}
