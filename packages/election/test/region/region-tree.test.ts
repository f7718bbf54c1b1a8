import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, isWithinRegion, parentRegion, regionAncestors } from '../../src/index.js';

describe('parentRegion', () => {
  it('walks up one level at a time', () => {
    expect(parentRegion('1906012001001')).toBe('1906012001');
    expect(parentRegion('1906012001')).toBe('190601');
    expect(parentRegion('190601')).toBe('1906');
    expect(parentRegion('1906')).toBe('19');
    expect(parentRegion('19')).toBeNull();
  });
  it('rejects invalid codes', () => {
    expect(() => parentRegion('1906010')).toThrow(InvalidRegionCodeError);
    expect(() => parentRegion('')).toThrow(InvalidRegionCodeError);
  });
});

describe('regionAncestors', () => {
  it('lists provinsi first and excludes the code itself', () => {
    expect(regionAncestors('1906032002901')).toEqual(['19', '1906', '190603', '1906032002']);
    expect(regionAncestors('190603')).toEqual(['19', '1906']);
    expect(regionAncestors('19')).toEqual([]);
  });
});

describe('isWithinRegion', () => {
  it('is true for the region itself and everything below it', () => {
    expect(isWithinRegion('1906012001001', '1906012001001')).toBe(true);
    expect(isWithinRegion('1906012001001', '1906012001')).toBe(true);
    expect(isWithinRegion('1906012001001', '190601')).toBe(true);
    expect(isWithinRegion('1906012001001', '1906')).toBe(true);
    expect(isWithinRegion('1906012001001', '19')).toBe(true);
  });
  it("treats '' as the whole nation", () => {
    expect(isWithinRegion('1101012001001', '')).toBe(true);
    expect(isWithinRegion('31', '')).toBe(true);
  });
  it('is false for siblings, other branches and regions below the code', () => {
    expect(isWithinRegion('1906012001001', '1906012002')).toBe(false);
    expect(isWithinRegion('1906012001001', '190602')).toBe(false);
    expect(isWithinRegion('1906012001001', '1971')).toBe(false);
    expect(isWithinRegion('1906', '190601')).toBe(false);
    expect(isWithinRegion('19', '1906')).toBe(false);
  });
  it('rejects invalid codes on either side', () => {
    expect(() => isWithinRegion('1906010', '19')).toThrow(InvalidRegionCodeError);
    expect(() => isWithinRegion('1906012001001', '190')).toThrow(InvalidRegionCodeError);
    expect(() => isWithinRegion('', '')).toThrow(InvalidRegionCodeError);
  });
});
