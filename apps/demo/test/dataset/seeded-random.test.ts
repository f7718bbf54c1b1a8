import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, checkSeed, createRandom } from '../../src/dataset/index.js';

const draw = (seed: number | string, stream?: string, n = 5): number[] => {
  const random = createRandom(seed, stream);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('repeats for the same seed and stream, and differs otherwise', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42, 'a')).toEqual(draw(42, 'a'));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42, 'a')).not.toEqual(draw(42, 'b'));
    expect(draw(42)).not.toEqual(draw('42'));
  });

  it('has stable output (a changed generator would change every demo dataset)', () => {
    expect(draw(1, '', 3).map((x) => x.toFixed(6))).toEqual(['0.585665', '0.805692', '0.631660']);
    const random = createRandom(20241127, 'check');
    expect([random.int(1, 6), random.int(1, 6), random.int(1, 6), random.int(1, 6)]).toEqual([4, 3, 2, 2]);
  });

  it('draws uniform floats in [0, 1), integers in range and normal deviates', () => {
    const random = createRandom('stats');
    const xs = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
    const ints = Array.from({ length: 6_000 }, () => random.int(1, 6));
    for (let face = 1; face <= 6; face += 1) expect(ints.filter((x) => x === face).length).toBeGreaterThan(850);
    expect(ints.every((x) => x >= 1 && x <= 6)).toBe(true);
    const zs = Array.from({ length: 20_000 }, () => random.normal());
    const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / zs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
    expect(zs.every(Number.isFinite)).toBe(true);
  });

  it('accepts safe integers and short strings as seeds, nothing else', () => {
    expect(checkSeed(0)).toBe(0);
    expect(checkSeed(-7)).toBe(-7);
    expect(checkSeed('x')).toBe('x');
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53, '', 'x'.repeat(257), null, undefined, {}, 1n]) {
      expect(() => checkSeed(bad)).toThrow(InvalidArgumentError);
    }
    expect(() => createRandom(0.1)).toThrow(InvalidArgumentError);
  });
});
