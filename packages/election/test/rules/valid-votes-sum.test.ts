import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('valid-votes-sum (rule 6: suara sah = sum of paslon votes)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'valid-votes-sum')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'valid-votes-sum')).toEqual([]);
  });

  it('fails with the sum of the votes as expected value', () => {
    const report = checkCHasil(withField(validPpwp(), 'suara.paslon.100026', 169));
    expect(findings(report, 'valid-votes-sum')).toEqual([
      { fields: ['suara.sah', 'suara.paslon.100025', 'suara.paslon.100026', 'suara.paslon.100027'], expected: 249, actual: 250 },
    ]);
  });

  it('works with any number of paslon, including a kolom kosong', () => {
    const form = { ...validKwk(), suara: { paslon: { '1000900': 300, 'kolom-kosong': 90 }, sah: 391, tidakSah: 9, total: 400 } };
    expect(findings(checkCHasil(form), 'valid-votes-sum')).toEqual([
      { fields: ['suara.sah', 'suara.paslon.1000900', 'suara.paslon.kolom-kosong'], expected: 390, actual: 391 },
    ]);
  });

  it('is unchecked without votes or without suara sah', () => {
    expect(checkCHasil(withoutField(validPpwp(), 'suara.paslon')).unchecked).toContain('valid-votes-sum');
    expect(checkCHasil(withoutField(validPpwp(), 'suara.sah')).unchecked).toContain('valid-votes-sum');
    expect(checkCHasil({ form: 'ppwp', suara: { paslon: {}, sah: 0 } }).unchecked).toContain('valid-votes-sum');
  });
});
