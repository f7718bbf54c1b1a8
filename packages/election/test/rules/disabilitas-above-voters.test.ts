import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('disabilitas-above-voters (warning)', () => {
  it('is silent on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'disabilitas-above-voters')).toEqual([]);
  });

  it('warns when voting disabled voters exceed all voters, per cell', () => {
    let form = withField(validPpwp(), 'disabilitas.pengguna.l', 124);
    form = withField(form, 'disabilitas.pengguna.j', 124);
    const report = checkCHasil(form);
    expect(findings(report, 'disabilitas-above-voters')).toEqual([
      { fields: ['disabilitas.pengguna.l', 'pengguna.total.l'], expected: 123, actual: 124 },
    ]);
  });

  it('warns when registered disabled voters exceed all registered voters', () => {
    const report = checkCHasil(withField(validKwk(), 'disabilitas.pemilih.j', 501));
    expect(findings(report, 'disabilitas-above-voters')).toEqual([
      { fields: ['disabilitas.pemilih.j', 'pemilih.total.j'], expected: 500, actual: 501 },
    ]);
  });

  it('is unchecked without disabilitas (as in Sirekap)', () => {
    expect(checkCHasil(withoutField(validKwk(), 'disabilitas')).unchecked).toContain('disabilitas-above-voters');
  });
});
