import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { pkwkk1906, ppwp2024, validKwk, validPpwp, withField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('dpt-above-cap (warning: DPT above the election per-TPS cap)', () => {
  it('is silent under the cap and at it', () => {
    expect(findings(checkCHasil(validKwk(), pkwkk1906), 'dpt-above-cap')).toEqual([]);
    expect(findings(checkCHasil(withField(validPpwp(), 'pemilih.dpt.j', 300), ppwp2024), 'dpt-above-cap')).toEqual([]);
  });

  it('uses the election cap: 490 is fine for Pilkada (600), not for Pemilu (300)', () => {
    const form = withField(validPpwp(), 'pemilih.dpt.j', 490);
    expect(findings(checkCHasil(form, ppwp2024), 'dpt-above-cap')).toEqual([{ fields: ['pemilih.dpt.j'], expected: 300, actual: 490 }]);
    expect(findings(checkCHasil(withField(validKwk(), 'pemilih.dpt.j', 601), pkwkk1906), 'dpt-above-cap')).toEqual([
      { fields: ['pemilih.dpt.j'], expected: 600, actual: 601 },
    ]);
  });

  it('is unchecked without an election', () => {
    expect(checkCHasil(validKwk()).unchecked).toContain('dpt-above-cap');
    expect(checkCHasil(validKwk(), pkwkk1906).unchecked).toEqual([]);
  });
});
