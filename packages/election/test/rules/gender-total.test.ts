import { describe, expect, it } from 'vitest';
import { checkCHasil } from '../../src/index.js';
import { validKwk, validPpwp, withField, withoutField } from '../helpers/forms.js';
import { findings, reportedRules } from '../helpers/report.js';

describe('gender-total (rule 1: J = L + P)', () => {
  it('passes on consistent forms', () => {
    expect(findings(checkCHasil(validKwk()), 'gender-total')).toEqual([]);
    expect(findings(checkCHasil(validPpwp()), 'gender-total')).toEqual([]);
  });

  it('reports one violation per failing row, with J expected to be L + P', () => {
    let form = withField(validKwk(), 'pemilih.dpph.j', 4); // 2 + 1 = 3
    form = withField(form, 'disabilitas.pengguna.l', 3); // 3 + 2 != 4
    const report = checkCHasil(form);
    expect(findings(report, 'gender-total')).toEqual([
      { fields: ['pemilih.dpph.j', 'pemilih.dpph.l', 'pemilih.dpph.p'], expected: 3, actual: 4 },
      { fields: ['disabilitas.pengguna.j', 'disabilitas.pengguna.l', 'disabilitas.pengguna.p'], expected: 5, actual: 4 },
    ]);
    expect(report.violations.every((v) => v.severity === 'error')).toBe(true);
  });

  it('checks the PPWP rows (DPK), not the KWK ones', () => {
    const report = checkCHasil(withField(validPpwp(), 'pengguna.dpk.l', 5));
    expect(findings(report, 'gender-total')).toEqual([
      { fields: ['pengguna.dpk.j', 'pengguna.dpk.l', 'pengguna.dpk.p'], expected: 6, actual: 2 },
    ]);
  });

  it('an L typo breaks J = L + P and the category sum, nothing else', () => {
    const report = checkCHasil(withField(validPpwp(), 'pemilih.dpt.l', 141));
    expect(reportedRules(report)).toEqual(['gender-total', 'category-sum']);
  });

  it('is unchecked when a row lacks a cell, but still checks the other rows', () => {
    let form = withoutField(validKwk(), 'pemilih.dpt.p');
    form = withField(form, 'pengguna.total.j', 401);
    const report = checkCHasil(form);
    expect(report.unchecked).toContain('gender-total');
    expect(findings(report, 'gender-total').map((f) => f.fields[0])).toEqual(['pengguna.total.j']);
    expect(report.unchecked).not.toContain('votes-total');
  });

  it('has texts in Bahasa Indonesia and English naming the numbers', () => {
    const [v] = checkCHasil(withField(validPpwp(), 'pemilih.dpt.j', 258)).violations;
    expect(v?.message).toEqual({
      id: 'pemilih.dpt: J = 258, padahal L + P = 140 + 145 = 285.',
      en: 'pemilih.dpt: J = 258 but L + P = 140 + 145 = 285.',
    });
  });
});
