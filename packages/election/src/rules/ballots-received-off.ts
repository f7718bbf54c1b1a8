import type { Rule } from './rule.js';

/**
 * The accepted band of ballots received, from DPT J: KPU sends DPT plus a reserve of 2% (Pemilu) or 2.5%
 * (Pilkada) of DPT. Titip accepts `[DPT + ⌊2% DPT⌋ − slack, DPT + ⌈2.5% DPT⌉ + slack]` with a slack of 10
 * ballots for rounding and ballots moved between TPS.
 */
export const ballotsReceivedTolerance = {
  /** Lower reserve rate, per mille. */
  minReservePerMille: 20,
  /** Upper reserve rate, per mille. */
  maxReservePerMille: 25,
  /** Ballots of slack on both sides. */
  slack: 10,
} as const;

/** The `[low, high]` band of ballots received accepted for a DPT of `dpt` (see {@link ballotsReceivedTolerance}). */
export function ballotsReceivedBand(dpt: number): [number, number] {
  const t = ballotsReceivedTolerance;
  const low = Math.max(0, dpt + Math.floor((dpt * t.minReservePerMille) / 1000) - t.slack);
  const high = dpt + Math.ceil((dpt * t.maxReservePerMille) / 1000) + t.slack;
  return [low, high];
}

/** Warning: ballots received outside the band of DPT + 2–2.5% reserve ± 10. `expected` is the nearest band edge. */
export const ballotsReceivedOff: Rule = {
  id: 'ballots-received-off',
  severity: 'warning',
  title: {
    id: 'Surat suara diterima jauh dari DPT ditambah cadangan 2–2,5%.',
    en: 'Ballots received are far from DPT plus the 2–2.5% reserve.',
  },
  formula: 'DPT + ⌊2% DPT⌋ − 10 ≤ suratSuara.diterima ≤ DPT + ⌈2.5% DPT⌉ + 10, DPT = pemilih.dpt.j',
  check(ctx) {
    const values = ctx.need(['suratSuara.diterima', 'pemilih.dpt.j']);
    if (values === undefined) return;
    const [received, dpt] = values as [number, number];
    const [low, high] = ballotsReceivedBand(dpt);
    if (received < low || received > high) {
      ctx.fail({
        fields: ['suratSuara.diterima', 'pemilih.dpt.j'],
        expected: received < low ? low : high,
        actual: received,
        detail: {
          id: `surat suara diterima ${received}, wajarnya ${low}–${high} untuk DPT ${dpt}`,
          en: `ballots received ${received}, expected ${low}–${high} for a DPT of ${dpt}`,
        },
      });
    }
  },
};
