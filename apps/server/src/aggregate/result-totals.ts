import type { SubmissionRecord } from '@titip/records';
import { ElectionTotals } from './election-totals.js';
import { contributionOf } from './region-totals.js';

/**
 * The totals of every aggregated election, fed with the current result of each TPS as it changes. Only current
 * results count: superseded revisions and equivocating submissions never do.
 */
export class ResultTotals {
  readonly #elections = new Map<string, ElectionTotals>();

  /** @param elections - ids of the elections to aggregate (others are ignored). */
  constructor(elections: Iterable<string>) {
    for (const id of elections) this.#elections.set(id, new ElectionTotals());
  }

  /** Records the current result of a TPS in an election (`null`: it has none, e.g. after an equivocation). */
  update(tps: string, election: string, current: SubmissionRecord | null): void {
    this.#elections.get(election)?.set(tps, current === null ? null : contributionOf(current.body.form));
  }

  /** The totals of one election, or undefined when it is not aggregated. */
  election(id: string): ElectionTotals | undefined {
    return this.#elections.get(id);
  }
}
