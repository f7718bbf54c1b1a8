import { describe, expect, it } from 'vitest';
import {
  electionFromSirekapPaslon,
  InvalidElectionDefinitionError,
  SirekapFormatError,
} from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { pkwkk1906, ppwp2024 } from '../helpers/forms.js';

describe('electionFromSirekapPaslon', () => {
  const beltim = fixture('belitung-timur/paslon-1906.json') as Record<string, unknown>;

  it('builds the Bupati election of Belitung Timur from paslon-1906.json', () => {
    const def = electionFromSirekapPaslon(beltim, { id: 'pkwkk' });
    expect(def).toEqual({ ...pkwkk1906, name: 'Pemilihan Bupati dan Wakil Bupati' });
  });

  it('builds the Gubernur election (region = provinsi 19) from the same file', () => {
    const def = electionFromSirekapPaslon(beltim, { id: 'pkwkp' });
    expect(def).toMatchObject({ id: 'pkwkp', form: 'kwk', region: '19', date: '2024-11-27', maxVotersPerTps: 600 });
    expect(def.name).toBe('Pemilihan Gubernur dan Wakil Gubernur');
    expect(def.paslon.map((p) => [p.id, p.nomorUrut])).toEqual([
      ['1000019', 1],
      ['1000020', 2],
    ]);
  });

  it('accepts one entry of the file directly', () => {
    expect(electionFromSirekapPaslon(beltim['pkwkk'], { id: 'pkwkk' }).paslon).toEqual(pkwkk1906.paslon);
  });

  it("builds the presidential election from Sirekap's ppwp.json map", () => {
    const def = electionFromSirekapPaslon(fixture('sirekap-ppwp/paslon.json'), { id: 'ppwp' });
    expect(def).toEqual(ppwp2024);
  });

  it('adds a kolom kosong option to a single pair and sorts by ballot number', () => {
    const def = electionFromSirekapPaslon([{ id: 1000900, nomor_urut: 1, nama: 'CALON TUNGGAL' }], {
      id: 'pkwkk',
      region: '1971',
      kolomKosongId: '1000901',
    });
    expect(def.paslon).toEqual([
      { id: '1000900', nomorUrut: 1, nama: 'CALON TUNGGAL' },
      { id: '1000901', nomorUrut: 0, nama: 'Kolom Kosong', kolomKosong: true },
    ]);
    const sorted = electionFromSirekapPaslon(
      [
        { id: 'b', nomor_urut: 2, nama: 'B' },
        { id: 'a', nomor_urut: 1, nama: 'A' },
      ],
      { id: 'pkwkk', region: '1906' },
    );
    expect(sorted.paslon.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('lets options override the defaults', () => {
    const def = electionFromSirekapPaslon(beltim, { id: 'pkwkk', name: 'Bupati', date: '2024-12-01', maxVotersPerTps: 500 });
    expect(def).toMatchObject({ name: 'Bupati', date: '2024-12-01', maxVotersPerTps: 500 });
  });

  it('throws SirekapFormatError with a path on malformed entries', () => {
    const cases: Array<[unknown, string]> = [
      [42, ''],
      [[], ''],
      [[{ id: '1', nomor_urut: '1', nama: 'A' }], '[0].nomor_urut'],
      [[{ id: {}, nomor_urut: 1, nama: 'A' }], '[0].id'],
      [{ paslon: [{ id: '1', nomor_urut: 1 }] }, 'paslon[0].nama'],
      [{ paslon: [], wilayah: 'x' }, 'wilayah.kode'],
      [{ '100025': 'x' }, '100025'],
    ];
    for (const [input, path] of cases) {
      try {
        electionFromSirekapPaslon(input, { id: 'ppwp' });
        expect.unreachable(JSON.stringify(input));
      } catch (err) {
        expect(err).toBeInstanceOf(SirekapFormatError);
        expect((err as SirekapFormatError).path).toBe(path);
        expect((err as SirekapFormatError).code).toBe('ELECTION_SIREKAP_FORMAT');
      }
    }
  });

  it('throws InvalidElectionDefinitionError when the result is incomplete', () => {
    // An unknown election id has no defaults for form, date, cap.
    expect(() => electionFromSirekapPaslon(beltim['pkwkk'], { id: 'pdprd' })).toThrow(InvalidElectionDefinitionError);
    // A Pilkada list without wilayah and without a region option.
    expect(() => electionFromSirekapPaslon([{ id: '1', nomor_urut: 1, nama: 'A' }, { id: '2', nomor_urut: 2, nama: 'B' }], { id: 'pkwkk' })).toThrow(
      InvalidElectionDefinitionError,
    );
  });
});
