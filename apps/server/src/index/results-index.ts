import { resolveCurrentResult, type CurrentResult, type SubmissionRecord, type TitipRecord } from '@titip/records';
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

interface Entry {
  readonly submissions: SubmissionRecord[];
  result: CurrentResult;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * The server's index of what it holds, per TPS and election: every submission (all revisions), the attestations
 * and receipts of each, and the current result as `resolveCurrentResult` defines it (equivocations are flagged,
 * never resolved). Records go in already verified; adding one twice is a no-op.
 */
export class ResultsIndex {
  readonly #seen = new Set<string>();
  readonly #entries = new Map<string, Map<string, Entry>>();
  readonly #attestations = new Map<string, AttestationSummary[]>();
  readonly #receipts = new Map<string, ReceiptSummary[]>();
  readonly #coverage = new Map<string, { reporting: number; counted: number }>();
  readonly #listeners = new Set<(change: CurrentChange) => void>();
  #submissions = 0;
  #receiptCount = 0;
  #attestationCount = 0;

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
    const previous = entry?.result.current ?? null;
    if (entry === undefined) {
      entry = { submissions: [record], result: resolveCurrentResult([record]) };
      byElection.set(election, entry);
      coverage.reporting++;
    } else {
      entry.submissions.push(record);
      entry.result = resolveCurrentResult(entry.submissions);
    }
    const current = entry.result.current;
    if ((previous?.id ?? null) === (current?.id ?? null)) return;
    coverage.counted += (current === null ? 0 : 1) - (previous === null ? 0 : 1);
    const change: CurrentChange = { tps, election, previous, current };
    for (const listener of this.#listeners) listener(change);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
