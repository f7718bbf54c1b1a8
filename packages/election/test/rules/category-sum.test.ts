import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings } from '../helpers/report.js';

describe('category-sum (rule 2: total = sum of categories, per L/P/J)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'category-sum')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'category-sum')).toEqual([]);
  });

  it('sums DPT + DPPh + DPTb on the KWK form', () => {
    const report = checkCHasil(withField(validKwk(), 'pemilih.total.j', 510));
    expect(findings(report, 'category-sum')).toEqual([
      { fields: ['pemilih.total.j', 'pemilih.dpt.j', 'pemilih.dpph.j', 'pemilih.dptb.j'], expected: 500, actual: 510 },
    ]);
  });

  it('sums DPT + DPTb + DPK on the PPWP form, one violation per L, P, J', () => {
    let form = withField(validPpwp(), 'pengguna.dpk.l', 11);
    form = withField(form, 'pengguna.dpk.j', 12);
    const report = checkCHasil(form);
    expect(findings(report, 'category-sum')).toEqual([
      { fields: ['pengguna.total.l', 'pengguna.dpt.l', 'pengguna.dptb.l', 'pengguna.dpk.l'], expected: 133, actual: 123 },
      { fields: ['pengguna.total.j', 'pengguna.dpt.j', 'pengguna.dptb.j', 'pengguna.dpk.j'], expected: 265, actual: 255 },
    ]);
  });

  it('names the categories as the form prints them', () => {
    const [v] = checkCHasil(withField(validPpwp(), 'pemilih.total.l', 144)).violations.filter((x) => x.rule === 'category-sum');
    expect(v?.message.id).toBe('pemilih.total.l = 144, padahal DPT + DPTb + DPK = 140 + 2 + 1 = 143.');
    const [k] = checkCHasil(withField(validKwk(), 'pengguna.dpph.j', 4)).violations.filter((x) => x.rule === 'category-sum');
    expect(k?.message.en).toBe('pengguna.total.j = 400 but DPT + DPPh + DPTb = 390 + 4 + 7 = 401.');
  });

  it('is unchecked for pemilih when a category is missing (as in Sirekap), checked for pengguna', () => {
    let form = withoutField(validPpwp(), 'pemilih.dpk');
    form = withField(form, 'pengguna.total.p', 100);
    const report = checkCHasil(form);
    expect(report.unchecked).toContain('category-sum');
    expect(findings(report, 'category-sum')).toEqual([
      { fields: ['pengguna.total.p', 'pengguna.dpt.p', 'pengguna.dptb.p', 'pengguna.dpk.p'], expected: 132, actual: 100 },
    ]);
  });
});
