import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('ballot-balance (rule 4: received = used + returned + unused)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'ballot-balance')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'ballot-balance')).toEqual([]);
  });

  it('fails when the ballots do not balance', () => {
    const report = checkCHasil(withField(validKwk(), 'suratSuara.tidakDigunakan', 99));
    expect(findings(report, 'ballot-balance')).toEqual([
      {
        fields: ['suratSuara.diterima', 'suratSuara.digunakan', 'suratSuara.dikembalikan', 'suratSuara.tidakDigunakan'],
        expected: 502,
        actual: 503,
      },
    ]);
  });

  it('is unchecked when any ballot count is missing', () => {
    const report = checkCHasil(withoutField(validKwk(), 'suratSuara.dikembalikan'));
    expect(report.unchecked).toContain('ballot-balance');
    expect(report.violations).toEqual([]);
  });
});
