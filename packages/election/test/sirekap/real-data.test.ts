import { describe, expect, it } from 'vitest';
import {
  electionFromSirekapPaslon,
  parentRegion,
  readSirekapRekap,
  readSirekapTps,
  SirekapFormatError,
  type SirekapTps,
} from '../../src/index.js';
import { codeOf, fixture, fixtureFiles } from '../helpers/fixtures.js';
import { findings } from '../helpers/report.js';

const ppwp = electionFromSirekapPaslon(fixture('sirekap-ppwp/paslon.json'), { id: 'ppwp' });
const files = [...fixtureFiles('sirekap-ppwp/19'), ...fixtureFiles('sirekap-ppwp/11')];
const tpsFiles = files.filter((f) => codeOf(f).length === 13);
const aggregateFiles = files.filter((f) => codeOf(f).length !== 13);

const read = new Map<string, SirekapTps>();
for (const file of tpsFiles) read.set(codeOf(file), readSirekapTps(fixture(file), { tps: codeOf(file), election: ppwp }));

/** The rules each broken record breaks (hard rules and warnings), found by inspecting the published numbers. */
const knownBroken: Record<string, string[]> = {
  // suara total 166 (= 165 sah + 1 tidak sah = the chart) against 239 pengguna.
  '1101012001001': ['votes-equal-voters'],
  // DPK L/P look swapped: L 115 + 0 + 2 = 117 ≠ 116, P 133 + 2 + 1 = 136 ≠ 137.
  '1101012001002': ['category-sum'],
  // DPTb J read as 5 where L 10 + P 5 = 15; with 15 the pengguna sum 246 + 15 + 7 = 268 would hold.
  '1906032002001': ['gender-total', 'category-sum'],
  // P: 136 + 5 + 0 = 141 ≠ 137 and J: 257 + 5 + 2 = 264 ≠ 260.
  '1906032002008': ['category-sum'],
  // pengguna DPT = DPT exactly (259 = 100 % turnout) while only 230 votes were cast.
  '1906042001007': ['votes-equal-voters'],
};

describe('readSirekapTps over every published TPS file of 19/1906/190603, 19/1906/190604 and 11/1101/110101', () => {
  it('reads all of them without throwing', () => {
    expect(tpsFiles.filter((f) => f.startsWith('sirekap-ppwp/19/'))).toHaveLength(33 + 55);
    expect(tpsFiles.filter((f) => f.startsWith('sirekap-ppwp/11/'))).toHaveLength(7);
    expect(read.size).toBe(95);
  });

  it('reports exactly the known broken records, and nothing for the others', () => {
    const broken: Record<string, string[]> = {};
    for (const [tps, r] of read) {
      const rules = [...new Set([...r.report.violations, ...r.report.warnings].map((v) => v.rule))];
      if (rules.length > 0) broken[tps] = rules;
    }
    expect(broken).toEqual(knownBroken);
  });

  it('gives the numbers of the known broken records', () => {
    const r = (tps: string) => read.get(tps)?.report as SirekapTps['report'];
    expect(findings(r('1906032002001'), 'gender-total')).toEqual([
      { fields: ['pengguna.dptb.j', 'pengguna.dptb.l', 'pengguna.dptb.p'], expected: 15, actual: 5 },
    ]);
    expect(findings(r('1906032002001'), 'category-sum')).toEqual([
      { fields: ['pengguna.total.j', 'pengguna.dpt.j', 'pengguna.dptb.j', 'pengguna.dpk.j'], expected: 258, actual: 268 },
    ]);
    expect(findings(r('1101012001002'), 'category-sum').map((f) => [f.fields[0], f.expected, f.actual])).toEqual([
      ['pengguna.total.l', 117, 116],
      ['pengguna.total.p', 136, 137],
    ]);
    expect(findings(r('1906032002008'), 'category-sum').map((f) => [f.fields[0], f.expected, f.actual])).toEqual([
      ['pengguna.total.p', 141, 137],
      ['pengguna.total.j', 264, 260],
    ]);
    expect(findings(r('1101012001001'), 'votes-equal-voters')).toEqual([
      { fields: ['suara.total', 'pengguna.total.j'], expected: 239, actual: 166 },
    ]);
    expect(findings(r('1906042001007'), 'votes-equal-voters')).toEqual([
      { fields: ['suara.total', 'pengguna.total.j'], expected: 259, actual: 230 },
    ]);
  });

  it('never invents a violation for what Sirekap did not publish', () => {
    for (const [, r] of read) {
      const isMissing = (field: string) => r.missing.some((m) => field === m || field.startsWith(`${m}.`));
      for (const v of r.report.violations) for (const field of v.fields) expect(isMissing(field)).toBe(false);
      // Sirekap publishes no ballots, no disabilitas, no pemilih DPTb/DPK/total.
      for (const field of ['pemilih.dptb.j', 'pemilih.dpk.j', 'pemilih.total.j', 'disabilitas.pemilih.j', 'suratSuara.digunakan']) {
        expect(isMissing(field)).toBe(true);
      }
    }
  });

  it('handles the incomplete records: chart null, administrasi null, both, and the all-zero record', () => {
    const noChart = [...read].filter(([, r]) => r.form.suara?.paslon === undefined).map(([t]) => t);
    const noAdm = [...read].filter(([, r]) => r.form.pengguna === undefined).map(([t]) => t);
    expect(noChart).toContain('1906032001004');
    expect(noAdm).toContain('1906032001001');
    expect(noChart.filter((t) => noAdm.includes(t)).sort()).toEqual(['1906032002002', '1906032002005', '1906032005004', '1906042007006']);
    // Sirekap's own flags agree with what was published.
    for (const [, r] of read) {
      expect(r.statusSuara).toBe(r.form.suara?.paslon !== undefined);
      expect(r.statusAdm).toBe(r.form.pengguna !== undefined);
    }
    const zero = read.get('1906042006004');
    expect(zero?.form.pemilih?.dpt).toEqual({ j: 0, l: 0, p: 0 });
    expect(zero?.report.violations).toEqual([]);
  });

  it('reads the special TPS 901 records', () => {
    expect(read.get('1906032002901')?.form.pengguna?.dptb?.j).toBe(22);
    expect(read.get('1906042002901')?.report.violations).toEqual([]);
  });

  it('refuses the aggregate files as TPS records, and reads them as rekap files whose sums agree across levels', () => {
    expect(aggregateFiles.map(codeOf)).toEqual(['110101', '1101012001', '1101012002', '1101012003', '1101012004', '1101012015', '1101012016', '1101012017']);
    for (const file of aggregateFiles) {
      expect(() => readSirekapTps(fixture(file), { tps: '1101012001001' })).toThrow(SirekapFormatError);
    }
    const kecamatan = readSirekapRekap(fixture('sirekap-ppwp/11/1101/110101.json'));
    for (const file of aggregateFiles.filter((f) => codeOf(f).length === 10)) {
      const desa = readSirekapRekap(fixture(file));
      expect(desa.chart).toEqual(kecamatan.table[codeOf(file)]);
      for (const [tps, votes] of Object.entries(desa.table)) {
        expect(parentRegion(tps)).toBe(codeOf(file));
        const record = read.get(tps);
        if (record !== undefined) expect(record.form.suara?.paslon).toEqual(votes);
      }
    }
  });
});
