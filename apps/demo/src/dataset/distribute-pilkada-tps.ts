import { tpsCodeOf } from '@titip/election';
import type { Kecamatan } from './belitung-timur.js';
import { GenerationError } from './errors.js';
import { largestRemainder } from './largest-remainder.js';

/** A Pilkada 2024 TPS of the demo, with the desa and kecamatan it belongs to. */
export interface PilkadaTps {
  /** TPS code, 13 digits (`1906012001001`). */
  tps: string;
  /** Desa code, 10 digits. */
  desa: string;
  /** Kecamatan code, 6 digits. */
  kecamatan: string;
}

/**
 * How many Pilkada TPS each desa of a kecamatan gets (same order as `kecamatan.desa`). The per-desa counts are not
 * published: the kecamatan's count is split in proportion to the desa's Pemilu 2024 TPS counts by largest
 * remainder (ties: more Pemilu TPS first, then file order); a desa left with none then gets one from the desa
 * whose count most exceeds its quota. Every desa gets at least one; the counts sum to `kecamatan.tpsPilkada`.
 * @throws {GenerationError} when the kecamatan has fewer Pilkada TPS than desa.
 */
export function pilkadaTpsPerDesa(kecamatan: Kecamatan): number[] {
  const total = kecamatan.tpsPilkada;
  const weights = kecamatan.desa.map((d) => d.tpsPemilu);
  if (total < weights.length) {
    throw new GenerationError(`kecamatan ${kecamatan.kode} has ${total} Pilkada TPS for ${weights.length} desa`);
  }
  const counts = largestRemainder(weights, total);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const quota = (i: number): number => (total * (weights[i] ?? 0)) / weightSum;
  for (let i = 0; i < counts.length; i += 1) {
    if (counts[i] !== 0) continue;
    let donor = -1;
    for (let j = 0; j < counts.length; j += 1) {
      if ((counts[j] ?? 0) > 1 && (donor < 0 || (counts[j] ?? 0) - quota(j) > (counts[donor] ?? 0) - quota(donor))) donor = j;
    }
    counts[donor]! -= 1; // a donor exists: total ≥ number of desa
    counts[i] = 1;
  }
  return counts;
}

/**
 * The Pilkada TPS of every kecamatan, desa by desa in file order, numbered 001..n within each desa
 * (counts from {@link pilkadaTpsPerDesa}). For Belitung Timur: 192 TPS.
 * @throws {GenerationError} when a kecamatan has fewer Pilkada TPS than desa.
 */
export function distributePilkadaTps(kecamatan: readonly Kecamatan[]): PilkadaTps[] {
  const list: PilkadaTps[] = [];
  for (const k of kecamatan) {
    const counts = pilkadaTpsPerDesa(k);
    k.desa.forEach((d, i) => {
      for (let n = 1; n <= (counts[i] ?? 0); n += 1) list.push({ tps: tpsCodeOf(d.kode, n), desa: d.kode, kecamatan: k.kode });
    });
  }
  return list;
}
