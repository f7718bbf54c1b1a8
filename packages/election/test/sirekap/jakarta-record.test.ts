import { describe, expect, it } from 'vitest';
import { readSirekapTps } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { ppwp2024 } from '../helpers/forms.js';
import { findings, reportedRules } from '../helpers/report.js';

describe('the broken Jakarta record of domain.md (Pemilu 2024 presidential)', () => {
  // DPT 258 with L 528 and P 430; pengguna DPT 883; pengguna total 594; votes 52 + 95 + 42 against suara sah 190.
  const read = readSirekapTps(fixture('constructed/jakarta-ppwp-broken.json'), { tps: '3171011001001', election: ppwp2024 });
  const { report } = read;

  it('reads without throwing', () => {
    expect(read.form.pemilih?.dpt).toEqual({ j: 258, l: 528, p: 430 });
    expect(read.form.suara?.paslon).toEqual({ '100025': 52, '100026': 95, '100027': 42 });
  });

  it('breaks J = L + P on the DPT row', () => {
    expect(findings(report, 'gender-total')).toEqual([
      { fields: ['pemilih.dpt.j', 'pemilih.dpt.l', 'pemilih.dpt.p'], expected: 958, actual: 258 },
    ]);
  });

  it('breaks pengguna DPT ≤ DPT', () => {
    expect(findings(report, 'dpt-turnout')).toEqual([{ fields: ['pengguna.dpt.j', 'pemilih.dpt.j'], expected: 258, actual: 883 }]);
  });

  it('breaks the pengguna sum (DPT + DPTb + DPK = total)', () => {
    expect(findings(report, 'category-sum')).toContainEqual({
      fields: ['pengguna.total.j', 'pengguna.dpt.j', 'pengguna.dptb.j', 'pengguna.dpk.j'],
      expected: 885,
      actual: 594,
    });
  });

  it('breaks the vote sum (52 + 95 + 42 = 189, not 190)', () => {
    expect(findings(report, 'valid-votes-sum')).toEqual([
      { fields: ['suara.sah', 'suara.paslon.100025', 'suara.paslon.100026', 'suara.paslon.100027'], expected: 189, actual: 190 },
    ]);
  });

  it('reports those four, plus votes against voters from our filler total (194 ≠ 594), as hard violations', () => {
    expect(reportedRules(report)).toEqual(['gender-total', 'category-sum', 'dpt-turnout', 'valid-votes-sum', 'votes-equal-voters']);
    expect(report.warnings).toEqual([]);
    expect(report.violations.every((v) => v.severity === 'error')).toBe(true);
  });
});
