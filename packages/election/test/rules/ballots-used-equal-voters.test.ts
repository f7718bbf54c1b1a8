import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('ballots-used-equal-voters (rule 5: ballots used = total voters)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'ballots-used-equal-voters')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'ballots-used-equal-voters')).toEqual([]);
  });

  it('fails with the voters as expected value', () => {
    const report = checkCHasil(withField(validPpwp(), 'suratSuara.digunakan', 256));
    expect(findings(report, 'ballots-used-equal-voters')).toEqual([
      { fields: ['suratSuara.digunakan', 'pengguna.total.j'], expected: 255, actual: 256 },
    ]);
  });

  it('is unchecked without the ballots', () => {
    expect(checkCHasil(withoutField(validPpwp(), 'suratSuara')).unchecked).toContain('ballots-used-equal-voters');
  });
});
