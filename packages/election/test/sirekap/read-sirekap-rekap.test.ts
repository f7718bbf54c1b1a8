import { describe, expect, it } from 'vitest';
import { readSirekapRekap, SirekapFormatError } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const bupati = 'belitung-timur/pilkada2024-pkwkk-1906.json';

function formatErrorPath(json: unknown): string {
  try {
    readSirekapRekap(json);
  } catch (err) {
    expect(err).toBeInstanceOf(SirekapFormatError);
    return (err as SirekapFormatError).path;
  }
  throw new Error('no SirekapFormatError');
}

describe('readSirekapRekap', () => {
  it('reads the Belitung Timur Bupati results per kecamatan (Pilkada 2024)', () => {
    const rekap = readSirekapRekap(fixture(bupati));
    expect(rekap.ts).toBe('2024-11-28 10:15:04');
    expect(rekap.mode).toBe('hhcw');
    expect(rekap.chart).toEqual({ '1000526': 23301, '1000527': 44949 });
    expect(rekap.progres).toEqual({ total: 192, progres: 192 });
    expect(Object.keys(rekap.table)).toEqual(['190601', '190602', '190603', '190604', '190605', '190606', '190607']);
    expect(rekap.table['190601']).toEqual({ '1000526': 7417, '1000527': 12563 });
    expect(rekap.rows['190601']).toEqual({ psu: 'Reguler', statusProgress: true, progres: { total: 58, progres: 58 }, persen: null });
    // The table adds up to the chart, and the kecamatan TPS counts to 192.
    for (const id of ['1000526', '1000527']) {
      expect(Object.values(rekap.table).reduce((a, row) => a + (row[id] ?? 0), 0)).toBe(rekap.chart?.[id]);
    }
    expect(Object.values(rekap.rows).reduce((a, row) => a + (row.progres?.total ?? 0), 0)).toBe(192);
  });

  it('reads an earlier snapshot (190 of 192 TPS)', () => {
    const rekap = readSirekapRekap(fixture('belitung-timur/pilkada2024-pkwkk-1906.snapshot-2024-11-27T2115.json'));
    expect(rekap.progres).toEqual({ total: 192, progres: 190 });
    expect(rekap.chart).toEqual({ '1000526': 23282, '1000527': 44752 });
  });

  it('reads the province file: its 1906 row equals the chart of the kabupaten file', () => {
    const province = readSirekapRekap(fixture('belitung-timur/pilkada2024-pkwkp-19.json'));
    const kabupaten = readSirekapRekap(fixture('belitung-timur/pilkada2024-pkwkp-1906.json'));
    expect(province.table['1906']).toEqual(kabupaten.chart);
    expect(province.table['1971']).toBeDefined();
  });

  it('reads the Pemilu 2024 shape (no tungsura wrapper, persen per row)', () => {
    const rekap = readSirekapRekap(fixture('sirekap-ppwp/11/1101/110101.json'));
    expect(rekap.chart).toEqual({ '100025': 2883, '100026': 458, '100027': 46 });
    expect(rekap.table['1101012001']).toEqual({ '100025': 555, '100026': 94, '100027': 15 });
    expect(rekap.rows['1101012001']).toEqual({ psu: 'Reguler', statusProgress: true, progres: null, persen: 100 });
    expect(rekap.progres).toEqual({ total: 15, progres: 15 });
  });

  it('leaves out null votes and reads null rows as empty', () => {
    const rekap = readSirekapRekap({ table: { '190601': { '1000526': null, '1000527': 3 }, '190602': null }, ts: null });
    expect(rekap.table).toEqual({ '190601': { '1000527': 3 }, '190602': {} });
    expect(rekap.chart).toBeNull();
    expect(rekap.progres).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a non-object', [1], ''],
    ['no table', { chart: {} }, 'table'],
    ['a bad tungsura', { tungsura: 3 }, 'tungsura'],
    ['a BPS code as a key', { table: { '1906010': {} } }, 'table.1906010'],
    ['a string vote', { tungsura: { table: { '190601': { '1000526': '7417' } } } }, 'tungsura.table.190601.1000526'],
    ['a negative vote', { table: { '190601': { '1000526': -1 } } }, 'table.190601.1000526'],
    ['a float vote', { table: { '190601': { '1000526': 0.5 } } }, 'table.190601.1000526'],
    ['a row that is a number', { table: { '190601': 5 } }, 'table.190601'],
    ['a bad percentage', { table: { '190601': { persen: 150 } } }, 'table.190601.persen'],
    ['a bad progres', { table: {}, progres: { total: 'x' } }, 'progres.total'],
    ['a chart array', { table: {}, chart: [] }, 'chart'],
    ['a bad paslon key', { table: { '190601': { 'a b': 1 } } }, 'table.190601.a b'],
  ])('throws SirekapFormatError on %s', (_name, json, path) => {
    expect(formatErrorPath(json)).toBe(path);
  });
});
