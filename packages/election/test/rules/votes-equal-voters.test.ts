import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('votes-equal-voters (derived: total suara = total pengguna when ballots used are missing)', () => {
  const noBallots = withoutField(validPpwp(), 'suratSuara');

  it('passes when the totals agree', () => {
    const report = checkCHasil(noBallots);
    expect(findings(report, 'votes-equal-voters')).toEqual([]);
    expect(report.unchecked).not.toContain('votes-equal-voters');
  });

  it('fails when they differ (what Sirekap data can show)', () => {
    const report = checkCHasil(withField(noBallots, 'pengguna.total.j', 256));
    expect(findings(report, 'votes-equal-voters')).toEqual([{ fields: ['suara.total', 'pengguna.total.j'], expected: 256, actual: 255 }]);
  });

  it('stays silent when ballots used are present: rules 5 and 8 report instead', () => {
    const report = checkCHasil(withField(validPpwp(), 'pengguna.total.j', 256));
    expect(findings(report, 'votes-equal-voters')).toEqual([]);
    expect(findings(report, 'ballots-used-equal-voters')).toHaveLength(1);
    expect(report.unchecked).not.toContain('votes-equal-voters');
  });

  it('is unchecked when a total is missing too', () => {
    expect(checkCHasil(withoutField(noBallots, 'suara.total')).unchecked).toContain('votes-equal-voters');
  });
});
