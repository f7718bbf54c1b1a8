import type { CHasil } from '@titip/election';
import type { ElectionKey, PublishedTotals } from './belitung-timur.js';

/** A TPS's form of each election, with its kecamatan (a {@link TpsResult} fits). */
export interface TallyInput {
  /** Kecamatan code. */
  kecamatan: string;
  /** The forms by election. */
  forms: Partial<Record<ElectionKey, CHasil>>;
}

/**
 * Adds up each paslon's votes per kecamatan for one election, the shape of {@link BelitungTimur.published}: for
 * generated results it equals the published totals exactly. TPS without a form for `election` are skipped.
 */
export function tallyByKecamatan(results: readonly TallyInput[], election: ElectionKey): PublishedTotals {
  const tally: PublishedTotals = {};
  for (const result of results) {
    const form = result.forms[election];
    if (form === undefined) continue;
    const row = (tally[result.kecamatan] ??= {});
    for (const [id, votes] of Object.entries(form.suara.paslon)) row[id] = (row[id] ?? 0) + votes;
  }
  return tally;
}
