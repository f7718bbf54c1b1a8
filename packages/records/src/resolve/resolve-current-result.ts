import { InvalidRecordInputError } from '../errors.js';
import type { SubmissionRecord } from '../record/titip-record.js';

/** Two or more different submissions claiming the same revision of one TPS and election. */
export interface Equivocation {
  revision: number;
  /** Ids of the conflicting submissions, sorted. */
  ids: string[];
}

/** Result of {@link resolveCurrentResult}. */
export interface CurrentResult {
  /**
   * The submission of the highest revision that exactly one object claims; null when there is none.
   * Never chosen among equivocating objects.
   */
  current: SubmissionRecord | null;
  /** Every distinct submission, by revision then id. */
  history: SubmissionRecord[];
  /** Revisions claimed by more than one object, lowest first. */
  equivocations: Equivocation[];
  /** True when some equivocation sits above `current`: the latest numbers are disputed. */
  contested: boolean;
}

/**
 * The current result of one TPS and election, as a pure function of its verified submissions: the highest
 * revision wins. Two different objects with the same revision are an equivocation (e.g. a key used on two
 * devices, or a forged-but-authorised correction): both are kept in `history`, flagged in `equivocations`,
 * and `current` falls back to the highest revision that is not equivocated, with `contested` set. A later
 * single revision (say 4 above an equivocated 3) becomes current again: it is the operator's unambiguous word.
 * Duplicates of one object (same id) count once.
 * @throws {InvalidRecordInputError} when the submissions are not all of one TPS and election.
 */
export function resolveCurrentResult(submissions: readonly SubmissionRecord[]): CurrentResult {
  const byId = new Map<string, SubmissionRecord>();
  for (const s of submissions) byId.set(s.id, s);
  const history = [...byId.values()].sort((a, b) => a.body.revision - b.body.revision || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = history[0];
  if (first !== undefined) {
    const mixed = history.find((s) => s.body.tps !== first.body.tps || s.body.election !== first.body.election);
    if (mixed !== undefined) {
      throw new InvalidRecordInputError(
        `submissions of ${first.body.tps}/${first.body.election} and ${mixed.body.tps}/${mixed.body.election} mixed`,
      );
    }
  }
  const byRevision = new Map<number, SubmissionRecord[]>();
  for (const s of history) {
    const list = byRevision.get(s.body.revision);
    if (list === undefined) byRevision.set(s.body.revision, [s]);
    else list.push(s);
  }
  const equivocations: Equivocation[] = [];
  let current: SubmissionRecord | null = null;
  for (const [revision, list] of byRevision) {
    if (list.length > 1) equivocations.push({ revision, ids: list.map((s) => s.id) });
    else current = list[0]!; // revisions come in ascending order
  }
  const top = current?.body.revision ?? 0;
  return { current, history, equivocations, contested: equivocations.some((e) => e.revision > top) };
}
