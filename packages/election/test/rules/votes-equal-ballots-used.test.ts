import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings, reportedRules } from '../helpers/report.js';

describe('votes-equal-ballots-used (rule 8: total suara = surat suara digunakan)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'votes-equal-ballots-used')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'votes-equal-ballots-used')).toEqual([]);
  });

  it('fails when the total votes differ from the ballots used', () => {
    // total 254 with sah 249 + tidak sah 5: only rule 8 (and the paslon sum through sah) move.
    let form = withField(validPpwp(), 'suara.total', 254);
    form = withField(form, 'suara.sah', 249);
    form = withField(form, 'suara.paslon.100025', 39);
    const report = checkCHasil(form);
    expect(findings(report, 'votes-equal-ballots-used')).toEqual([
      { fields: ['suara.total', 'suratSuara.digunakan'], expected: 255, actual: 254 },
    ]);
    expect(reportedRules(report)).toEqual(['votes-equal-ballots-used']);
  });

  it('is unchecked without ballots used', () => {
    expect(checkCHasil(withoutField(validKwk(), 'suratSuara.digunakan')).unchecked).toContain('votes-equal-ballots-used');
  });
});
