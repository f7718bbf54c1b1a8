import { resolveCurrentResult, type CurrentResult, type Standing, type SubmissionRecord, type TitipRecord } from '@titip/records';
import { summariseAttestation, summariseReceipt, type AttestationSummary, type ReceiptSummary } from './summaries.js';

/** The current result of a TPS in an election changed (a new revision, or an equivocation took it away). */
export interface CurrentChange {
  readonly tps: string;
  readonly election: string;
  readonly previous: SubmissionRecord | null;
  readonly current: SubmissionRecord | null;
}

/** Counts of the records indexed. */
export interface IndexCounts {
  readonly submissions: number;
  readonly receipts: number;
  readonly attestations: number;
}

/** Per election: TPS with at least one submission, and those with a current result. */
export interface ElectionCoverage {
  readonly reporting: number;
  readonly counted: number;
}

/** A submission held but not counted, and why (see `judge`). */
export interface UncountedSubmission {
  readonly record: SubmissionRecord;
  readonly standing: Extract<Standing, { counted: false }>;
}

/** Options of {@link ResultsIndex}. */
export interface ResultsIndexOptions {
  /**
   * Count a submission only once {@link ResultsIndex.judge} says it stands (credential valid and not revoked when it
   * was first witnessed). @default false (every verified submission counts)
   */
  readonly judged?: boolean;
}

interface Entry {
  /** The submissions that count: the current result is resolved among these. */
  readonly submissions: SubmissionRecord[];
  /** Held, judged not counted. */
  readonly uncounted: Map<string, UncountedSubmission>;
  result: CurrentResult;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * The server's index of what it holds, per TPS and election: every submission (all revisions), the attestations
 * and receipts of each, and the current result as `resolveCurrentResult` defines it (equivocations are flagged,
 * never resolved). Records go in already verified; adding one twice is a no-op. With `judged`, a submission counts
 * (takes part in the current result and the totals) only once judged so, and one judged not counted is kept aside
 * with its reason ({@link uncountedOf}); a later verdict moves it either way.
 */
export class ResultsIndex {
  readonly #judged: boolean;
  readonly #where = new Map<string, { record: SubmissionRecord; entry: Entry; coverage: { reporting: number; counted: number } }>();
  readonly #standing = new Map<string, Standing>();
  readonly #seen = new Set<string>();
  readonly #entries = new Map<string, Map<string, Entry>>();
  readonly #attestations = new Map<string, AttestationSummary[]>();
  readonly #receipts = new Map<string, ReceiptSummary[]>();
  readonly #coverage = new Map<string, { reporting: number; counted: number }>();
  /** Per election, the TPS whose result is contested. */
  readonly #contested = new Map<string, Set<string>>();
  readonly #listeners = new Set<(change: CurrentChange) => void>();
  #submissions = 0;
  #receiptCount = 0;
  #attestationCount = 0;

  constructor(options: ResultsIndexOptions = {}) {
    this.#judged = options.judged ?? false;
  }

  /** Indexes a verified record; false when it was already indexed. */
  add(record: TitipRecord): boolean {
    if (this.#seen.has(record.id)) return false;
    this.#seen.add(record.id);
    switch (record.kind) {
      case 'submission':
        this.#addSubmission(record);
        break;
      case 'receipt':
        this.#receiptCount++;
        push(this.#receipts, record.body.submission, summariseReceipt(record));
        break;
      case 'attestation':
        this.#attestationCount++;
        push(this.#attestations, record.body.submission, summariseAttestation(record));
        break;
    }
    return true;
  }

  /** Whether a record is indexed. */
  has(id: string): boolean {
    return this.#seen.has(id);
  }

  /** Calls `listener` whenever a current result changes; returns a function that removes it. */
  onCurrentChange(listener: (change: CurrentChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The election ids with submissions at a TPS, sorted (empty when none). */
  electionsAt(tps: string): string[] {
    return [...(this.#entries.get(tps)?.keys() ?? [])].sort();
  }

  /** The resolved result of a TPS in an election: current, history, equivocations. */
  result(tps: string, election: string): CurrentResult | undefined {
    return this.#entries.get(tps)?.get(election)?.result;
  }

  /** Attestations of a submission, in arrival order. */
  attestationsOf(submission: string): readonly AttestationSummary[] {
    return this.#attestations.get(submission) ?? NONE;
  }

  /** Receipts of a submission, in arrival order. */
  receiptsOf(submission: string): readonly ReceiptSummary[] {
    return this.#receipts.get(submission) ?? NONE;
  }

  /** Whether the key `signer` (hex) has receipted a submission. */
  hasReceiptBy(submission: string, signer: string): boolean {
    return this.receiptsOf(submission).some((r) => r.signer === signer);
  }

  /** How many records of each kind are indexed. */
  counts(): IndexCounts {
    return { submissions: this.#submissions, receipts: this.#receiptCount, attestations: this.#attestationCount };
  }

  /** TPS reporting and counted in an election. */
  coverage(election: string): ElectionCoverage {
    const c = this.#coverage.get(election);
    return { reporting: c?.reporting ?? 0, counted: c?.counted ?? 0 };
  }

  /** Election ids with at least one submission, sorted. */
  elections(): string[] {
    return [...this.#coverage.keys()].sort();
  }

  /** Ids of every submission indexed. */
  submissionIds(): IterableIterator<string> {
    return this.#where.keys();
  }

  /** The standing last judged for a submission (undefined: not judged, or the index does not judge). */
  standingOf(submission: string): Standing | undefined {
    return this.#standing.get(submission);
  }

  /** TPS of an election held out of the totals because an equivocation sits above their current result. */
  contestedCount(election: string): number {
    return this.#contested.get(election)?.size ?? 0;
  }

  /** Submissions of a TPS and election held but not counted, with why. */
  uncountedOf(tps: string, election: string): readonly UncountedSubmission[] {
    const entry = this.#entries.get(tps)?.get(election);
    return entry === undefined ? NONE : [...entry.uncounted.values()];
  }

  /**
   * Records the standing of an indexed submission: counted ones take part in the current result, the others are
   * kept aside. A change of the current result is announced as for {@link add}. False when the submission is not
   * indexed (judge it again once it is).
   */
  judge(submission: string, standing: Standing): boolean {
    const where = this.#where.get(submission);
    if (where === undefined) return false;
    this.#standing.set(submission, standing);
    const { record, entry, coverage } = where;
    const previous = countedOf(entry.result);
    const at = entry.submissions.findIndex((s) => s.id === submission);
    if (at >= 0) entry.submissions.splice(at, 1);
    entry.uncounted.delete(submission);
    if (standing.counted) entry.submissions.push(record);
    else entry.uncounted.set(submission, { record, standing });
    entry.result = resolveCurrentResult(entry.submissions);
    this.#announce(record.body.tps, record.body.election, entry, coverage, previous);
    return true;
  }

  #addSubmission(record: SubmissionRecord): void {
    this.#submissions++;
    const { tps, election } = record.body;
    let byElection = this.#entries.get(tps);
    if (byElection === undefined) {
      byElection = new Map();
      this.#entries.set(tps, byElection);
    }
    let coverage = this.#coverage.get(election);
    if (coverage === undefined) {
      coverage = { reporting: 0, counted: 0 };
      this.#coverage.set(election, coverage);
    }
    let entry = byElection.get(election);
    const previous = entry === undefined ? null : countedOf(entry.result);
    if (entry === undefined) {
      entry = { submissions: [], uncounted: new Map(), result: resolveCurrentResult([]) };
      byElection.set(election, entry);
      coverage.reporting++;
    }
    this.#where.set(record.id, { record, entry, coverage });
    if (this.#judged) return; // counted once judged so
    entry.submissions.push(record);
    entry.result = resolveCurrentResult(entry.submissions);
    this.#announce(tps, election, entry, coverage, previous);
  }

  #announce(tps: string, election: string, entry: Entry, coverage: { counted: number }, previous: SubmissionRecord | null): void {
    let contested = this.#contested.get(election);
    if (contested === undefined) this.#contested.set(election, (contested = new Set()));
    if (entry.result.contested) contested.add(tps);
    else contested.delete(tps);
    const current = countedOf(entry.result);
    if ((previous?.id ?? null) === (current?.id ?? null)) return;
    coverage.counted += (current === null ? 0 : 1) - (previous === null ? 0 : 1);
    const change: CurrentChange = { tps, election, previous, current };
    for (const listener of this.#listeners) listener(change);
  }
}

/**
 * The submission that counts in the totals: the current result, except while it is `contested` (an equivocation
 * above it): the TPS is then held out of the totals, as KPU holds a disputed form, until a later single revision
 * settles it. (Counting the older revision instead would count numbers its operator has since replaced.)
 */
function countedOf(result: CurrentResult): SubmissionRecord | null {
  return result.contested ? null : result.current;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
