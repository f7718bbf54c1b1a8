import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('dpt-turnout (rule 3: pengguna DPT ≤ pemilih DPT)', () => {
  it('passes on consistent forms and at exactly 100% turnout', () => {
    expect(findings(checkCHasil(validKwk()), 'dpt-turnout')).toEqual([]);
    let full = withField(validPpwp(), 'pengguna.dpt.l', 140);
    full = withField(full, 'pengguna.dpt.p', 145);
    full = withField(full, 'pengguna.dpt.j', 285);
    expect(findings(checkCHasil(full), 'dpt-turnout')).toEqual([]);
  });

  it('reports each of L, P, J above the registered DPT, with the DPT as expected bound', () => {
    let form = withField(validKwk(), 'pengguna.dpt.p', 241);
    form = withField(form, 'pengguna.dpt.j', 441);
    const report = checkCHasil(form);
    expect(findings(report, 'dpt-turnout')).toEqual([
      { fields: ['pengguna.dpt.p', 'pemilih.dpt.p'], expected: 240, actual: 241 },
    ]);
    const j = checkCHasil(withField(validKwk(), 'pengguna.dpt.j', 491));
    expect(findings(j, 'dpt-turnout')).toEqual([{ fields: ['pengguna.dpt.j', 'pemilih.dpt.j'], expected: 490, actual: 491 }]);
  });

  it('is unchecked without the registered DPT', () => {
    const report = checkCHasil(withoutField(validPpwp(), 'pemilih'));
    expect(report.unchecked).toContain('dpt-turnout');
    expect(findings(report, 'dpt-turnout')).toEqual([]);
  });
});
