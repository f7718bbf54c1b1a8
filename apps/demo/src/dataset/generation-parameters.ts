/**
 * The knobs of the synthetic per-TPS numbers (see `docs/demo-data.md`). Ranges are `[min, max]`; counts are
 * per TPS; spreads are standard deviations on a log scale.
 */
export const generationParameters = {
  /** Highest turnout of the DPT allowed at a TPS: caps voters per TPS at ⌊cap × this⌋ (600 → 510). */
  maxTurnout: 0.85,
  /** Target turnout of the DPT drawn per TPS (a TPS at the 600 cap may go up to `maxTurnout`). */
  turnout: [0.72, 0.84],
  /** Invalid votes as a share of valid votes, per kecamatan, for the election with more valid votes there. */
  invalidRate: [0.01, 0.02],
  /** Spread of TPS sizes around their desa's mean size. */
  sizeSpread: 0.12,
  /** Spread of invalid votes between the TPS of a kecamatan. */
  invalidSpread: 0.3,
  /**
   * Spread of the extra invalid votes of the election with fewer valid votes in a kecamatan (the same people cast
   * both ballots, so the gap between the two valid totals is invalid ballots).
   */
  invalidGapSpread: 0.1,
  /** Spread of a paslon's vote share between the desa of a kecamatan. */
  desaPreferenceSpread: 0.2,
  /** Spread of a paslon's vote share between the TPS of a desa. */
  tpsPreferenceSpread: 0.1,
  /** Voters moved in (DPPh) who voted. */
  dpph: [0, 3],
  /** Voters moved in (DPPh) who registered but did not vote. */
  dpphAbsent: [0, 2],
  /** Voters not on a list, voting with their e-KTP (DPTb). */
  dptb: [0, 5],
  /** Registered voters with disabilities. */
  disabilitas: [0, 6],
  /** Chance that a registered voter with disabilities votes. */
  disabilitasTurnout: 0.8,
  /** Men's share of the DPT. */
  menShare: [0.49, 0.52],
  /** How much lower men's share of DPT voters is than their share of the DPT (women vote a little more). */
  menTurnoutGap: [0, 0.02],
  /** Ballots returned damaged or miscast, per election. */
  dikembalikan: [0, 2],
  /** Reserve of ballots sent on top of the DPT, per mille (Pilkada: 2.5%, rounded up). */
  reservePerMille: 25,
} as const;
