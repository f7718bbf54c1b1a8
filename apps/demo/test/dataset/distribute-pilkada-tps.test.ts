import { describe, expect, it } from 'vitest';
import { desaOfTps, parseRegionCode } from '@titip/election';
import { GenerationError, distributePilkadaTps, loadBelitungTimur, pilkadaTpsPerDesa, type Kecamatan } from '../../src/dataset/index.js';

const dataset = loadBelitungTimur();

describe('pilkadaTpsPerDesa', () => {
  it('splits each kecamatan in proportion to the Pemilu TPS of its desa (largest remainder)', () => {
    expect(Object.fromEntries(dataset.kecamatan.map((k) => [k.kode, pilkadaTpsPerDesa(k)]))).toEqual({
      '190601': [5, 8, 11, 4, 7, 13, 2, 5, 3], // Pemilu 10, 14, 20, 8, 13, 25, 3, 9, 5 → 58
      '190602': [9, 10, 3, 5, 6, 7, 3],        // 17, 18, 5, 10, 12, 14, 5 → 43
      '190603': [3, 5, 5, 3],                  // 6, 11, 10, 6 → 16
      '190604': [6, 7, 2, 4, 5, 4],            // 11, 13, 5, 8, 9, 9 → 28 (ties: file order)
      '190605': [3, 4, 2, 5, 5],               // 6, 7, 4, 9, 10 → 19
      '190606': [3, 3, 1, 5],                  // 6, 6, 3, 9 → 12 (tie .5/.5: more Pemilu TPS first)
      '190607': [6, 3, 5, 2],                  // 11, 5, 8, 3 → 16
    });
  });

  it('sums to the published count and gives every desa at least one, within one of its quota', () => {
    for (const k of dataset.kecamatan) {
      const counts = pilkadaTpsPerDesa(k);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(k.tpsPilkada);
      const pemilu = k.desa.reduce((s, d) => s + d.tpsPemilu, 0);
      counts.forEach((c, i) => {
        const quota = (k.tpsPilkada * (k.desa[i]?.tpsPemilu ?? 0)) / pemilu;
        expect(c).toBeGreaterThanOrEqual(Math.max(1, Math.floor(quota)));
        expect(c).toBeLessThanOrEqual(Math.ceil(quota));
      });
    }
  });

  const kecamatan = (tpsPilkada: number, pemilu: number[]): Kecamatan => ({
    kode: '190699', nama: 'Test', namaKpu: 'TEST', tpsPilkada,
    desa: pemilu.map((tpsPemilu, i) => ({ kode: `1906992${String(i + 1).padStart(3, '0')}`, nama: `D${i}`, namaKpu: `D${i}`, tpsPemilu })),
  });

  it('gives a desa whose quota rounds to zero one TPS, taken from the desa most above its quota', () => {
    // Quotas 0.2, 2.4, 2.4: Hamilton gives 0, 3, 2 (tie broken by order); the first desa takes one from the second.
    expect(pilkadaTpsPerDesa(kecamatan(5, [1, 12, 12]))).toEqual([1, 2, 2]);
    expect(pilkadaTpsPerDesa(kecamatan(3, [1, 1, 40]))).toEqual([1, 1, 1]);
  });

  it('throws a GenerationError when there are fewer TPS than desa', () => {
    expect(() => pilkadaTpsPerDesa(kecamatan(2, [3, 3, 3]))).toThrow(GenerationError);
  });
});

describe('distributePilkadaTps', () => {
  const list = distributePilkadaTps(dataset.kecamatan);

  it('lists 192 TPS with the published count per kecamatan', () => {
    expect(list).toHaveLength(192);
    for (const k of dataset.kecamatan) expect(list.filter((t) => t.kecamatan === k.kode)).toHaveLength(k.tpsPilkada);
    expect(new Set(list.map((t) => t.tps)).size).toBe(192);
  });

  it('numbers the TPS of each desa 001..n with valid codes under their desa and kecamatan', () => {
    expect(list[0]).toEqual({ tps: '1906012001001', desa: '1906012001', kecamatan: '190601' });
    const byDesa = new Map<string, number[]>();
    for (const t of list) {
      const parsed = parseRegionCode(t.tps);
      expect([parsed.level, desaOfTps(t.tps), parsed.kecamatan]).toEqual(['tps', t.desa, t.kecamatan]);
      byDesa.set(t.desa, [...(byDesa.get(t.desa) ?? []), parsed.tpsNumber ?? 0]);
    }
    expect(byDesa.size).toBe(39);
    for (const numbers of byDesa.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(byDesa.get('1906062003')).toEqual([1]); // Aik Madu: 3 Pemilu TPS → 1 Pilkada TPS
  });
});
