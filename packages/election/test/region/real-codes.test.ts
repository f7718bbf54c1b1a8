import { describe, expect, it } from 'vitest';
import { isWithinRegion, parentRegion, parseRegionCode, regionLevelOf } from '../../src/index.js';
import { codeOf, fixture, fixtureFiles } from '../helpers/fixtures.js';

interface WilayahEntry {
  kode: string;
  tingkat: number;
}
interface BeltimDesa {
  kode: string;
  tps_pemilu2024_nomor: string[];
}
interface BeltimKecamatan {
  kode: string;
  desa: BeltimDesa[];
}

const levelOfTingkat = { 1: 'provinsi', 2: 'kabupaten', 3: 'kecamatan', 4: 'desa', 5: 'tps' } as const;

describe('real region codes (KPU wilayah files and the Belitung Timur list)', () => {
  const files = fixtureFiles('sirekap-ppwp/wilayah');

  it('parses every code in the KPU wilayah tree at the level KPU gives it, below its file', () => {
    let count = 0;
    for (const file of files) {
      const parent = codeOf(file);
      const entries = fixture(file) as WilayahEntry[];
      for (const entry of entries) {
        expect(regionLevelOf(entry.kode)).toBe(levelOfTingkat[entry.tingkat as keyof typeof levelOfTingkat]);
        if (/^[0-9]+$/.test(parent)) expect(parentRegion(entry.kode)).toBe(parent);
        count++;
      }
    }
    expect(count).toBeGreaterThan(500);
  });

  it('finds kelurahan in Kepulauan Seribu (31/3101) and a kota in province 19', () => {
    const desa = (fixture('sirekap-ppwp/wilayah/31/3101/310101.json') as WilayahEntry[]).map((e) => parseRegionCode(e.kode));
    expect(desa.length).toBeGreaterThan(0);
    expect(desa.every((d) => d.isKelurahan === true)).toBe(true);
    const kabupaten = (fixture('sirekap-ppwp/wilayah/19.json') as WilayahEntry[]).map((e) => parseRegionCode(e.kode));
    expect(kabupaten.filter((k) => k.isKota).map((k) => k.code)).toEqual(['1971']);
  });

  it('accepts every Belitung Timur TPS number, including the special 901 TPS', () => {
    const wilayah = fixture('belitung-timur/wilayah.json') as { kecamatan: BeltimKecamatan[] };
    let tps = 0;
    let special = 0;
    for (const kec of wilayah.kecamatan) {
      expect(isWithinRegion(kec.kode, '1906')).toBe(true);
      for (const desa of kec.desa) {
        expect(parseRegionCode(desa.kode).isKelurahan).toBe(false);
        for (const nomor of desa.tps_pemilu2024_nomor) {
          const parsed = parseRegionCode(desa.kode + nomor);
          tps++;
          if (parsed.isSpecialTps) special++;
        }
      }
    }
    expect(tps).toBe(363);
    expect(special).toBe(4);
  });
});
