import { describe, expect, it } from 'vitest';
import { InvalidCHasilError, readSirekapTps, writeSirekapTps } from '../../src/index.js';
import { codeOf, fixture, fixtureFiles } from '../helpers/fixtures.js';
import { validKwk, validPpwp } from '../helpers/forms.js';

const tpsFiles = [...fixtureFiles('sirekap-ppwp/19'), ...fixtureFiles('sirekap-ppwp/11')].filter((f) => codeOf(f).length === 13);

describe('writeSirekapTps', () => {
  it('round-trips every real TPS record: read → write → read gives the same form and metadata', () => {
    expect(tpsFiles).toHaveLength(95);
    for (const file of tpsFiles) {
      const tps = codeOf(file);
      const first = readSirekapTps(fixture(file), { tps });
      const written = writeSirekapTps(first.form, {
        images: first.images,
        ts: first.ts,
        psu: first.psu,
        mode: first.mode,
        ...(first.statusSuara === null ? {} : { statusSuara: first.statusSuara }),
        ...(first.statusAdm === null ? {} : { statusAdm: first.statusAdm }),
      });
      const second = readSirekapTps(JSON.parse(JSON.stringify(written)), { tps });
      expect(second).toEqual(first);
    }
  });

  it('reproduces the published file except the "null" chart key', () => {
    const original = fixture('sirekap-ppwp/11/1101/110101/1101012001/1101012001001.json') as Record<string, unknown>;
    const read = readSirekapTps(original, { tps: '1101012001001' });
    const written = writeSirekapTps(read.form, { images: read.images, ts: read.ts, psu: read.psu });
    const { null: _null, ...chart } = original['chart'] as Record<string, unknown>;
    expect(written).toEqual({ ...original, chart });
  });

  it('drops what Sirekap has no place for and derives the status flags', () => {
    const written = writeSirekapTps(validPpwp());
    expect(written.mode).toBe('hhcw');
    expect(written.chart).toEqual({ '100025': 40, '100026': 170, '100027': 40 });
    expect(written.administrasi).toMatchObject({ pemilih_dpt_j: 285, pengguna_non_dpt_j: 2, suara_tidak_sah: 5 });
    expect(Object.keys(written.administrasi ?? {})).toHaveLength(18);
    expect(written).toMatchObject({ status_suara: true, status_adm: true, images: [], ts: null, psu: null });
    expect(writeSirekapTps({ form: 'ppwp' })).toMatchObject({ chart: null, administrasi: null, status_suara: false, status_adm: false });
  });

  it('refuses KWK forms and invalid forms', () => {
    expect(() => writeSirekapTps(validKwk())).toThrow(InvalidCHasilError);
    expect(() => writeSirekapTps({ form: 'ppwp', suara: { sah: -1 } } as never)).toThrow(InvalidCHasilError);
  });
});
