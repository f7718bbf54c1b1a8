import { describe, expect, it } from 'vitest';
import {
  ElectionMismatchError,
  InvalidRegionCodeError,
  readSirekapTps,
  SirekapFormatError,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { pkwkk1906, ppwp2024 } from '../helpers/forms.js';

const dir = 'sirekap-ppwp/11/1101/110101/1101012001/';
const complete = fixture(`${dir}1101012001003.json`) as Record<string, unknown>;
const notPublished = ['pemilih.dptb', 'pemilih.dpk', 'pemilih.total', 'disabilitas', 'suratSuara'];

/** The SirekapFormatError path thrown by reading `json`. */
function formatErrorPath(json: unknown, tps = '1101012001003'): string {
  try {
    readSirekapTps(json, { tps });
  } catch (err) {
    expect(err).toBeInstanceOf(SirekapFormatError);
    expect((err as SirekapFormatError).code).toBe('ELECTION_SIREKAP_FORMAT');
    return (err as SirekapFormatError).path;
  }
  throw new Error('no SirekapFormatError');
}

describe('readSirekapTps', () => {
  it('maps a complete record to a partial PPWP form (non_dpt = DPK, "null" key dropped)', () => {
    const read = readSirekapTps(complete, { tps: '1101012001003', election: ppwp2024 });
    expect(read.form).toEqual({
      form: 'ppwp',
      pemilih: { dpt: { j: 293, l: 138, p: 155 } },
      pengguna: {
        dpt: { j: 248, l: 118, p: 130 },
        dptb: { j: 1, l: 0, p: 1 },
        dpk: { j: 4, l: 2, p: 2 },
        total: { j: 253, l: 120, p: 133 },
      },
      suara: { paslon: { '100025': 202, '100026': 38, '100027': 7 }, sah: 247, tidakSah: 6, total: 253 },
    });
    expect(read).toMatchObject({ tps: '1101012001003', ts: '2024-02-22 17:00:00', mode: 'hhcw', psu: null, statusSuara: true, statusAdm: true });
    expect(read.images).toHaveLength(3);
    expect(read.images[0]).toMatch(/\/1101012001003-20240218-/);
    expect(read.missing).toEqual(notPublished);
    expect(read.ignored).toEqual([]);
    expect(read.report.violations).toEqual([]);
    expect(read.report.warnings).toEqual([]);
    // What Sirekap cannot tell: ballots, disabilitas, pemilih totals.
    expect(read.report.unchecked).toEqual(
      expect.arrayContaining(['ballot-balance', 'ballots-used-equal-voters', 'votes-equal-ballots-used', 'disabilitas-above-voters']),
    );
    expect(read.report.unchecked).not.toContain('valid-votes-sum');
    expect(read.report.unchecked).not.toContain('votes-equal-voters');
  });

  it('reads a record without mode', () => {
    const read = readSirekapTps(fixture(`${dir}1101012001002.json`), { tps: '1101012001002' });
    expect(read.mode).toBeNull();
    expect(read.form.suara?.sah).toBe(252);
  });

  it('reads chart: null as "no votes published"', () => {
    const read = readSirekapTps(fixture('sirekap-ppwp/19/1906/190603/1906032001/1906032001004.json'), {
      tps: '1906032001004',
      election: ppwp2024,
    });
    expect(read.form.suara).toEqual({ sah: 204, tidakSah: 9, total: 213 });
    expect(read.missing).toContain('suara.paslon');
    expect(read.statusSuara).toBe(false);
    expect(read.report.unchecked).toEqual(expect.arrayContaining(['valid-votes-sum', 'paslon-set', 'votes-above-dpt']));
  });

  it('reads administrasi: null as "only votes published" and keeps null image slots', () => {
    const read = readSirekapTps(fixture('sirekap-ppwp/19/1906/190603/1906032001/1906032001001.json'), { tps: '1906032001001' });
    expect(read.form).toEqual({ form: 'ppwp', suara: { paslon: { '100025': 29, '100026': 162, '100027': 28 } } });
    expect(read.images.map((i) => i === null)).toEqual([true, false, true]);
    expect(read.statusAdm).toBe(false);
    expect(read.missing).toEqual(['pemilih', 'pengguna', 'disabilitas', 'suratSuara', 'suara.sah', 'suara.tidakSah', 'suara.total']);
  });

  it('reads a record with neither chart nor administrasi', () => {
    const read = readSirekapTps(fixture('sirekap-ppwp/19/1906/190603/1906032002/1906032002002.json'), { tps: '1906032002002' });
    expect(read.form).toEqual({ form: 'ppwp' });
    expect(read.report.violations).toEqual([]);
  });

  it('reads null cells as missing and lists unknown keys as ignored', () => {
    const json = structuredClone(complete);
    (json['administrasi'] as Record<string, unknown>)['pemilih_dpt_l'] = null;
    (json['administrasi'] as Record<string, unknown>)['pemilih_disabilitas_j'] = 3;
    json['extra'] = true;
    const read = readSirekapTps(json, { tps: '1101012001003' });
    expect(read.form.pemilih?.dpt).toEqual({ j: 293, p: 155 });
    expect(read.missing).toContain('pemilih.dpt.l');
    expect(read.ignored).toEqual(['extra', 'administrasi.pemilih_disabilitas_j']);
  });

  it('checks the paslon set against the election', () => {
    const json = structuredClone(complete);
    (json['chart'] as Record<string, unknown>)['100028'] = 0;
    const read = readSirekapTps(json, { tps: '1101012001003', election: ppwp2024 });
    expect(read.report.violations.map((v) => [v.rule, v.fields])).toEqual([['paslon-set', ['suara.paslon.100028']]]);
  });

  it.each<[string, (j: Record<string, unknown>) => unknown, string]>([
    ['a non-object', () => [1, 2], ''],
    ['a string', () => 'hhcw', ''],
    ['chart as an array', (j) => ({ ...j, chart: [1] }), 'chart'],
    ['a float vote', (j) => ({ ...j, chart: { '100025': 1.5 } }), 'chart.100025'],
    ['a negative vote', (j) => ({ ...j, chart: { '100025': -1 } }), 'chart.100025'],
    ['a vote above 99,999', (j) => ({ ...j, chart: { '100025': 100_000 } }), 'chart.100025'],
    ['a string vote', (j) => ({ ...j, chart: { '100025': '12' } }), 'chart.100025'],
    ['a non-null "null" key', (j) => ({ ...j, chart: { null: 5 } }), 'chart.null'],
    ['a bad paslon key', (j) => ({ ...j, chart: { 'a b': 1 } }), 'chart.a b'],
    ['too many chart keys', (j) => ({ ...j, chart: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`${i}`, 1])) }), 'chart'],
    ['administrasi as a string', (j) => ({ ...j, administrasi: 'x' }), 'administrasi'],
    ['a string count', (j) => ({ ...j, administrasi: { suara_sah: '247' } }), 'administrasi.suara_sah'],
    ['NaN', (j) => ({ ...j, administrasi: { pengguna_non_dpt_j: Number.NaN } }), 'administrasi.pengguna_non_dpt_j'],
    ['images not an array', (j) => ({ ...j, images: 'x' }), 'images'],
    ['an image that is a number', (j) => ({ ...j, images: [null, 3] }), 'images[1]'],
    ['a photo of another TPS', (j) => ({ ...j, images: ['https://x/1101012001001-20240215-101421--a.jpg'] }), 'images[0]'],
    ['too many images', (j) => ({ ...j, images: Array.from({ length: 51 }, () => null) }), 'images'],
    ['a numeric ts', (j) => ({ ...j, ts: 1707900000 }), 'ts'],
    ['a string status', (j) => ({ ...j, status_suara: 'true' }), 'status_suara'],
    ['an aggregate file', () => fixture('sirekap-ppwp/11/1101/110101/1101012001.json'), 'table'],
  ])('throws SirekapFormatError on %s', (_name, make, path) => {
    expect(formatErrorPath(make(structuredClone(complete)))).toBe(path);
  });

  it('rejects a bad TPS option and a non-ppwp election', () => {
    expect(() => readSirekapTps(complete, { tps: '1101012001' })).toThrow(InvalidRegionCodeError);
    expect(() => readSirekapTps(complete, { tps: '1101012001003', election: pkwkk1906 })).toThrow(ElectionMismatchError);
  });
});
