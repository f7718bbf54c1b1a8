import { describe, expect, it } from 'vitest';
import { regionWithin, regionWithinAny } from '../../src/credential/region-scope.js';

describe('region scope', () => {
  it('is a digit-prefix relation with the empty code for the nation', () => {
    expect(regionWithin('1906012001001', '1906')).toBe(true);
    expect(regionWithin('1906012001001', '1906012001001')).toBe(true);
    expect(regionWithin('1906', '')).toBe(true);
    expect(regionWithin('1907012001001', '1906')).toBe(false);
    expect(regionWithin('19', '1906')).toBe(false);
    expect(regionWithinAny('1906012001001', ['1907', '190601'])).toBe(true);
    expect(regionWithinAny('1906012001001', [])).toBe(false);
  });
});
