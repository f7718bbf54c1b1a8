import { describe, expect, it } from 'vitest';
import { desaOfTps, InvalidRegionCodeError, parseRegionCode, tpsCodeOf } from '../../src/index.js';

describe('desaOfTps', () => {
  it('gives the first 10 digits', () => {
    expect(desaOfTps('1906012001001')).toBe('1906012001');
    expect(desaOfTps('3101011001901')).toBe('3101011001');
  });
  it('rejects codes of other levels', () => {
    expect(() => desaOfTps('1906012001')).toThrow(InvalidRegionCodeError);
    expect(() => desaOfTps('1906012001000')).toThrow(InvalidRegionCodeError);
  });
});

describe('tpsCodeOf', () => {
  it('pads the number to 3 digits', () => {
    expect(tpsCodeOf('1906012001', 1)).toBe('1906012001001');
    expect(tpsCodeOf('1906012001', 47)).toBe('1906012001047');
    expect(tpsCodeOf('1906032002', 901)).toBe('1906032002901');
    expect(parseRegionCode(tpsCodeOf('1906032002', 901)).isSpecialTps).toBe(true);
  });
  it('round-trips with desaOfTps', () => {
    for (const n of [1, 2, 99, 100, 900, 999]) expect(desaOfTps(tpsCodeOf('1101012001', n))).toBe('1101012001');
  });
  it.each([0, -1, 1000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects TPS number %s', (n) => {
    expect(() => tpsCodeOf('1906012001', n)).toThrow(InvalidRegionCodeError);
  });
  it('rejects a non-desa code', () => {
    expect(() => tpsCodeOf('190601', 1)).toThrow(InvalidRegionCodeError);
    expect(() => tpsCodeOf('1906012001001', 1)).toThrow(InvalidRegionCodeError);
  });
});
