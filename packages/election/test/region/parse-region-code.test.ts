import { describe, expect, it } from 'vitest';
import { InvalidRegionCodeError, isRegionCode, parseRegionCode, regionLevelOf } from '../../src/index.js';

describe('parseRegionCode', () => {
  it('splits a TPS code of Belitung Timur (domain.md example)', () => {
    expect(parseRegionCode('1906012001001')).toEqual({
      code: '1906012001001',
      level: 'tps',
      provinsi: '19',
      kabupaten: '1906',
      kecamatan: '190601',
      desa: '1906012001',
      tpsNumber: 1,
      isKota: false,
      isKelurahan: false,
      isSpecialTps: false,
    });
  });

  it('gives each level only the parts it has', () => {
    expect(parseRegionCode('19')).toEqual({ code: '19', level: 'provinsi', provinsi: '19' });
    expect(parseRegionCode('1906')).toEqual({ code: '1906', level: 'kabupaten', provinsi: '19', kabupaten: '1906', isKota: false });
    expect(parseRegionCode('190601')).toMatchObject({ level: 'kecamatan', kecamatan: '190601' });
    expect(parseRegionCode('190601')).not.toHaveProperty('desa');
    expect(parseRegionCode('1906012001')).toMatchObject({ level: 'desa', desa: '1906012001', isKelurahan: false });
    expect(parseRegionCode('1906012001')).not.toHaveProperty('tpsNumber');
  });

  it('tells kota (71-99) from kabupaten (01-69)', () => {
    expect(parseRegionCode('1971').isKota).toBe(true); // Kota Pangkal Pinang
    expect(parseRegionCode('3171').isKota).toBe(true);
    expect(parseRegionCode('1969').isKota).toBe(false);
    expect(parseRegionCode('3101').isKota).toBe(false); // Kabupaten Kepulauan Seribu
    expect(parseRegionCode('197101').isKota).toBe(true);
  });

  it('tells kelurahan (1xxx) from desa (2xxx)', () => {
    expect(parseRegionCode('3101011001').isKelurahan).toBe(true); // Kepulauan Seribu, a kelurahan
    expect(parseRegionCode('3101011001001').isKelurahan).toBe(true);
    expect(parseRegionCode('1906012001').isKelurahan).toBe(false);
  });

  it('marks 9xx TPS as special and keeps gapped numbers', () => {
    expect(parseRegionCode('1906032002901')).toMatchObject({ tpsNumber: 901, isSpecialTps: true });
    expect(parseRegionCode('1906032002999')).toMatchObject({ tpsNumber: 999, isSpecialTps: true });
    expect(parseRegionCode('1906032002899')).toMatchObject({ tpsNumber: 899, isSpecialTps: false });
    expect(parseRegionCode('1906032002047').tpsNumber).toBe(47);
  });

  it.each([
    ['', 'length 0'],
    ['1', 'length 1'],
    ['190', 'length 3'],
    ['1906010', 'BPS-style 7 digits'],
    ['19060120010', 'length 11'],
    ['19060120010011', 'length 14'],
    ['19.06.01', 'dots'],
    ['19 06', 'space'],
    ['１９', 'full-width digits'],
    ['0906', 'provinsi 09'],
    ['10', 'provinsi 10'],
    ['1900', 'kabupaten 00'],
    ['1970', 'kabupaten 70'],
    ['190600', 'kecamatan 00'],
    ['1906013001', 'desa part starting with 3'],
    ['1906010001', 'desa part starting with 0'],
    ['1906012000', 'desa number 000'],
    ['1906012001000', 'TPS 000'],
    ['-1906', 'sign'],
  ])('rejects %j (%s) with InvalidRegionCodeError', (code) => {
    expect(() => parseRegionCode(code)).toThrow(InvalidRegionCodeError);
    expect(isRegionCode(code)).toBe(false);
  });

  it('mentions BPS for 7-digit codes and carries a stable code', () => {
    try {
      parseRegionCode('1906010');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRegionCodeError);
      const e = err as InvalidRegionCodeError;
      expect(e.code).toBe('ELECTION_INVALID_REGION_CODE');
      expect(e.name).toBe('InvalidRegionCodeError');
      expect(e.input).toBe('1906010');
      expect(e.reason).toMatch(/BPS/);
    }
  });

  it('rejects non-strings without crashing', () => {
    for (const bad of [null, undefined, 1906, {}, ['19']]) {
      expect(() => parseRegionCode(bad as unknown as string)).toThrow(InvalidRegionCodeError);
      expect(isRegionCode(bad)).toBe(false);
    }
  });

  it('cuts very long inputs in the error', () => {
    const err = (() => {
      try {
        parseRegionCode('9'.repeat(100_000));
      } catch (e) {
        return e as InvalidRegionCodeError;
      }
      throw new Error('no throw');
    })();
    expect(err.input.length).toBe(40);
    expect(err.message.length).toBeLessThan(200);
  });

  it('regionLevelOf gives the level', () => {
    expect(['19', '1906', '190601', '1906012001', '1906012001001'].map(regionLevelOf)).toEqual([
      'provinsi',
      'kabupaten',
      'kecamatan',
      'desa',
      'tps',
    ]);
    expect(() => regionLevelOf('1906010')).toThrow(InvalidRegionCodeError);
  });
});
