import { describe, expect, it } from 'vitest';
import { ballotsReceivedBand, cHasilKwkSchema, checkCHasil } from '@titip/election';
import {
  GenerationError,
  InvalidArgumentError,
  distributePilkadaTps,
  electionKeys,
  generateResults,
  generationParameters,
  loadBelitungTimur,
  tallyByKecamatan,
  type BelitungTimur,
  type GeneratedResults,
} from '../../src/dataset/index.js';

const dataset = loadBelitungTimur();
const seeds = [1, 2, 42, 20241127, 'titip', 'belitung-timur'];
const runs = new Map<number | string, GeneratedResults>(seeds.map((seed) => [seed, generateResults({ seed, dataset })]));

describe.each(seeds)('generateResults (seed %s)', (seed) => {
  const results = runs.get(seed)!;

  it('has one result per Pilkada TPS, in distributePilkadaTps order', () => {
    expect(results.seed).toBe(seed);
    expect(results.tps.map(({ tps, desa, kecamatan }) => ({ tps, desa, kecamatan }))).toEqual(distributePilkadaTps(dataset.kecamatan));
  });

  it('produces complete kwk forms that pass every rule with no warnings and nothing unchecked', () => {
    for (const t of results.tps) {
      for (const e of electionKeys) {
        const form = t.forms[e];
        expect(cHasilKwkSchema.parse(form)).toEqual(form);
        const report = checkCHasil(form, dataset.elections[e]);
        expect({ tps: t.tps, e, violations: report.violations, warnings: report.warnings, unchecked: report.unchecked })
          .toEqual({ tps: t.tps, e, violations: [], warnings: [], unchecked: [] });
      }
    }
  });

  it('adds up to the published totals exactly, per kecamatan and paslon, for both elections', () => {
    for (const e of electionKeys) expect(tallyByKecamatan(results.tps, e)).toEqual(dataset.published[e]);
  });

  it('keeps the DPT within the 600 cap and the numbers plausible', () => {
    for (const t of results.tps) {
      const f = t.forms.pkwkk;
      expect(f.pemilih.dpt.j).toBeLessThanOrEqual(600);
      expect(f.pemilih.dpt.j).toBeGreaterThanOrEqual(150);
      const turnout = f.pengguna.dpt.j / f.pemilih.dpt.j;
      expect(turnout).toBeGreaterThanOrEqual(0.7);
      expect(turnout).toBeLessThanOrEqual(generationParameters.maxTurnout);
      expect(f.pengguna.dpph.j).toBeLessThanOrEqual(f.pemilih.dpph.j);
      expect(f.pemilih.dpph.j + f.pemilih.dptb.j).toBeLessThanOrEqual(10);
      for (const g of ['l', 'p'] as const) expect(f.pengguna.dpph[g]).toBeLessThanOrEqual(f.pemilih.dpph[g]);
      expect(f.pemilih.dpt.l / f.pemilih.dpt.j).toBeGreaterThan(0.45);
      expect(f.pemilih.dpt.l / f.pemilih.dpt.j).toBeLessThan(0.55);
      for (const e of electionKeys) {
        const { suara } = t.forms[e];
        expect(suara.tidakSah).toBeLessThan(0.1 * suara.total);
      }
    }
  });

  it('uses the same voter rows and ballots received for both elections of a TPS', () => {
    for (const t of results.tps) {
      const { pkwkp, pkwkk } = t.forms;
      expect([pkwkp.pemilih, pkwkp.pengguna, pkwkp.disabilitas]).toEqual([pkwkk.pemilih, pkwkk.pengguna, pkwkk.disabilitas]);
      expect(pkwkp.suratSuara.diterima).toBe(pkwkk.suratSuara.diterima);
      expect(pkwkp.pemilih).not.toBe(pkwkk.pemilih); // separate objects: editing one form leaves the other alone
    }
  });

  it('sends DPT plus the 2.5% Pilkada reserve, inside the rules\' band', () => {
    for (const t of results.tps) {
      const { pemilih, suratSuara } = t.forms.pkwkp;
      expect(suratSuara.diterima).toBe(pemilih.dpt.j + Math.ceil(pemilih.dpt.j * 0.025));
      const [low, high] = ballotsReceivedBand(pemilih.dpt.j);
      expect(suratSuara.diterima).toBeGreaterThanOrEqual(low);
      expect(suratSuara.diterima).toBeLessThanOrEqual(high);
    }
  });
});

describe('generateResults across seeds', () => {
  it('is deterministic: the same seed gives identical output', () => {
    expect(generateResults({ seed: 42, dataset })).toEqual(runs.get(42));
    expect(generateResults({ seed: 'titip' })).toEqual(runs.get('titip')); // loads the dataset itself
  });

  it('gives different per-TPS numbers for different seeds but the same totals', () => {
    const a = runs.get(1)!;
    const b = runs.get(2)!;
    const differing = a.tps.filter((t, i) => JSON.stringify(t.forms) !== JSON.stringify(b.tps[i]?.forms));
    expect(differing.length).toBeGreaterThan(180);
    for (const e of electionKeys) expect(tallyByKecamatan(a.tps, e)).toEqual(tallyByKecamatan(b.tps, e));
    // The number 1 and the string '1' are different seeds.
    expect(generateResults({ seed: '1', dataset }).tps[0]?.forms).not.toEqual(a.tps[0]?.forms);
  });

  it('rejects bad seeds with a typed error', () => {
    for (const seed of [1.5, Number.NaN, '', 'x'.repeat(257), null, {}]) {
      expect(() => generateResults({ seed: seed as never, dataset })).toThrow(InvalidArgumentError);
    }
  });

  it('meets the cap even when the published totals crowd the TPS', () => {
    // Gantung's real totals squeezed into 30 TPS: about 500 voters each, near 510, the most the 600 cap allows at 85%.
    const crowded = withKecamatanTps(dataset, '190602', 30);
    const results = generateResults({ seed: 7, dataset: crowded });
    const gantung = results.tps.filter((t) => t.kecamatan === '190602');
    expect(gantung).toHaveLength(30);
    expect(Math.max(...gantung.map((t) => t.forms.pkwkk.pemilih.dpt.j))).toBe(600);
    for (const t of gantung) expect(t.forms.pkwkk.pengguna.total.j).toBeLessThanOrEqual(510);
    for (const e of electionKeys) expect(tallyByKecamatan(results.tps, e)['190602']).toEqual(dataset.published[e]['190602']);
  });

  it('throws a GenerationError when the published totals cannot fit the TPS under the cap', () => {
    expect(() => generateResults({ seed: 7, dataset: withKecamatanTps(dataset, '190602', 25) })).toThrow(GenerationError);
  });
});

/** The dataset with one kecamatan's Pilkada TPS count changed (its desa weights unchanged). */
function withKecamatanTps(base: BelitungTimur, kode: string, tpsPilkada: number): BelitungTimur {
  return { ...base, kecamatan: base.kecamatan.map((k) => (k.kode === kode ? { ...k, tpsPilkada } : k)) };
}
