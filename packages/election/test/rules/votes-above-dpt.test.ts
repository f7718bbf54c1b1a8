import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('votes-above-dpt (warning: sum of votes > DPT × 1.02, KawalPemilu flag)', () => {
  it('is silent up to DPT × 1.02', () => {
    // DPT 285: limit ⌊290.7⌋ = 290; votes 40 + 170 + 80 = 290
    const form = withField(validPpwp(), 'suara.paslon.100027', 80);
    expect(findings(checkCHasil(form), 'votes-above-dpt')).toEqual([]);
  });

  it('warns above it, e.g. a 74 read as 740', () => {
    const report = checkCHasil(withField(validPpwp(), 'suara.paslon.100027', 740));
    expect(findings(report, 'votes-above-dpt')).toEqual([
      { fields: ['suara.paslon.100025', 'suara.paslon.100026', 'suara.paslon.100027', 'pemilih.dpt.j'], expected: 290, actual: 950 },
    ]);
  });

  it('is unchecked without DPT or without votes', () => {
    expect(checkCHasil(withoutField(validPpwp(), 'pemilih')).unchecked).toContain('votes-above-dpt');
    expect(checkCHasil(withoutField(validPpwp(), 'suara.paslon')).unchecked).toContain('votes-above-dpt');
  });
});
