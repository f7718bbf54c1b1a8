import type { CHasil } from '@titip/election';

/** What one TPS's current result adds to the totals of every region above it. */
export interface Contribution {
  /** Suara sah. */
  readonly sah: number;
  /** Suara tidak sah. */
  readonly tidakSah: number;
  /** Votes per paslon id. */
  readonly paslon: ReadonlyMap<string, number>;
}

/** Totals of one region for one election, from the current results of the TPS below it. */
export interface RegionTotals {
  /** TPS counted: those with a current result. */
  readonly tps: number;
  readonly sah: number;
  readonly tidakSah: number;
  /** Votes per paslon id (a Map: paslon ids are data and may be any id-shaped string). */
  readonly paslon: ReadonlyMap<string, number>;
}

/** The contribution of a C.Hasil form: its valid and invalid votes and the votes of each paslon. */
export function contributionOf(form: CHasil): Contribution {
  return { sah: form.suara.sah, tidakSah: form.suara.tidakSah, paslon: new Map(Object.entries(form.suara.paslon)) };
}

/** Mutable running totals of one region: TPS contributions are added and removed as results change. */
export class TotalsAccumulator implements RegionTotals {
  tps = 0;
  sah = 0;
  tidakSah = 0;
  readonly paslon = new Map<string, number>();

  /** Adds (`sign` 1) or removes (`sign` -1) one TPS's contribution. */
  apply(contribution: Contribution, sign: 1 | -1): void {
    this.tps += sign;
    this.sah += sign * contribution.sah;
    this.tidakSah += sign * contribution.tidakSah;
    for (const [id, votes] of contribution.paslon) {
      const next = (this.paslon.get(id) ?? 0) + sign * votes;
      if (next === 0) this.paslon.delete(id);
      else this.paslon.set(id, next);
    }
  }

  /** True when no TPS is counted any more. */
  get empty(): boolean {
    return this.tps === 0;
  }
}

/** Totals with nothing counted. */
export const EMPTY_TOTALS: RegionTotals = Object.freeze({ tps: 0, sah: 0, tidakSah: 0, paslon: new Map<string, number>() });
