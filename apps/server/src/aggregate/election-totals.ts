import { EMPTY_TOTALS, TotalsAccumulator, type Contribution, type RegionTotals } from './region-totals.js';

/** Digits of each level below the nation: provinsi, kabupaten, kecamatan, desa, TPS. */
const LEVEL_LENGTHS = [2, 4, 6, 10, 13] as const;

/** The regions a TPS counts in, nation (`''`) first, the TPS itself last. */
function regionsOf(tps: string): string[] {
  return ['', ...LEVEL_LENGTHS.map((n) => tps.slice(0, n))];
}

/** One child region's row of a totals table. */
export interface ChildTotals {
  readonly region: string;
  readonly totals: RegionTotals;
}

/**
 * Running totals of one election per region (nation, provinsi, kabupaten, kecamatan, desa, TPS), kept up to date
 * as TPS results change: each change touches the six regions above the TPS, and a query reads one region and its
 * children, so neither grows with the number of TPS counted.
 */
export class ElectionTotals {
  readonly #contributions = new Map<string, Contribution>();
  readonly #regions = new Map<string, TotalsAccumulator>();
  readonly #children = new Map<string, Set<string>>();

  /** Sets the contribution of a TPS (its current result), or removes it (`null`: no current result). */
  set(tps: string, contribution: Contribution | null): void {
    const before = this.#contributions.get(tps);
    if (before === undefined && contribution === null) return;
    const chain = regionsOf(tps);
    if (before !== undefined) {
      for (const region of chain) this.#regions.get(region)?.apply(before, -1);
      this.#contributions.delete(tps);
    }
    if (contribution !== null) {
      this.#contributions.set(tps, contribution);
      chain.forEach((region, i) => {
        let totals = this.#regions.get(region);
        if (totals === undefined) {
          totals = new TotalsAccumulator();
          this.#regions.set(region, totals);
          const parent = chain[i - 1];
          if (parent !== undefined) this.#childrenOf(parent).add(region);
        }
        totals.apply(contribution, 1);
      });
    }
    // Drop regions left with nothing counted, deepest first, so they vanish from their parent's rows.
    for (let i = chain.length - 1; i >= 1; i--) {
      const region = chain[i]!;
      if (this.#regions.get(region)?.empty !== true) continue;
      this.#regions.delete(region);
      this.#children.delete(region);
      this.#children.get(chain[i - 1]!)?.delete(region);
    }
  }

  #childrenOf(region: string): Set<string> {
    let set = this.#children.get(region);
    if (set === undefined) {
      set = new Set();
      this.#children.set(region, set);
    }
    return set;
  }

  /** The totals of a region (`''` = the nation); zero when nothing below it is counted. */
  totals(region: string): RegionTotals {
    return this.#regions.get(region) ?? EMPTY_TOTALS;
  }

  /** The rows of the regions directly below `region` that have counted TPS, sorted by code. */
  children(region: string): ChildTotals[] {
    const codes = [...(this.#children.get(region) ?? [])].sort();
    return codes.map((code) => ({ region: code, totals: this.totals(code) }));
  }

  /** Number of TPS with a current result. */
  get tpsCounted(): number {
    return this.#contributions.size;
  }
}
