import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('votes-total (rule 7: sah + tidak sah = total)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'votes-total')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'votes-total')).toEqual([]);
  });

  it('fails when the invalid votes are off', () => {
    const report = checkCHasil(withField(validKwk(), 'suara.tidakSah', 11));
    expect(findings(report, 'votes-total')).toEqual([{ fields: ['suara.total', 'suara.sah', 'suara.tidakSah'], expected: 401, actual: 400 }]);
  });

  it('is unchecked without tidak sah', () => {
    expect(checkCHasil(withoutField(validKwk(), 'suara.tidakSah')).unchecked).toContain('votes-total');
  });
});
