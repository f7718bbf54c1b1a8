import { toHex } from '@titip/identity';
import { decodeRecord, RECORD_KINDS, type AttestationRecord, type ReceiptRecord, type SubmissionRecord, type TitipRecord } from '@titip/records';
import type { ObjectEntry } from '../replication/object-validator.js';
import type { ObjectOrigin, Replica } from '../replication/replica.js';

/** The custody counts of a peer: what its status line shows. */
export interface CustodyCounts {
  /** Submissions held. */
  held: number;
  /** Submissions another peer has provably seen: an attestation or receipt signed by someone else is held. */
  forwarded: number;
  /** Submissions with a KPU server receipt held. */
  acknowledged: number;
}

/** One record as it entered this peer. */
export interface LedgerEntry {
  readonly record: TitipRecord;
  readonly origin: ObjectOrigin;
  /** This peer's clock when the record arrived (or was loaded from disk). */
  readonly at: number;
}

/** Options of {@link RecordLedger}. */
export interface RecordLedgerOptions {
  /** This peer's own signing key, if it signs attestations: those do not count as proof of forwarding. */
  readonly selfKey?: Uint8Array;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * A read model of the records a replica holds: submissions, their attestations and receipts, kept current as
 * objects arrive. It answers "was this submission acknowledged?", counts custody for status lines, and resolves
 * `whenReceipt` promises for operators waiting for their receipt. Records are decoded, not re-verified: the replica
 * only stores what passed the validating merge. An object that arrives with the record its validator decoded
 * (`ObjectEntry.decoded`, the same bytes and id) is not decoded again.
 */
export class RecordLedger {
  readonly submissions = new Map<string, LedgerEntry & { record: SubmissionRecord }>();
  readonly attestations = new Map<string, (LedgerEntry & { record: AttestationRecord })[]>();
  readonly receipts = new Map<string, (LedgerEntry & { record: ReceiptRecord })[]>();
  readonly #selfKey: string | undefined;
  readonly #now: () => number;
  readonly #waiters = new Map<string, Set<(receipt: ReceiptRecord) => void>>();
  readonly #listeners = new Set<(entry: LedgerEntry) => void>();
  readonly #unsubscribe: () => void;

  constructor(replica: Replica, options: RecordLedgerOptions = {}) {
    this.#selfKey = options.selfKey ? toHex(options.selfKey) : undefined;
    this.#now = options.now ?? Date.now;
    for (const entry of replica.objects()) this.#add(entry, 'local');
    this.#unsubscribe = replica.onObjectsAdded((event) => {
      for (const entry of event.added) this.#add(entry, event.origin);
    });
  }

  /** Current custody counts. */
  counts(): CustodyCounts {
    let forwarded = 0;
    let acknowledged = 0;
    for (const id of this.submissions.keys()) {
      const receipts = this.receipts.get(id) ?? [];
      if (receipts.length > 0) acknowledged++;
      const seenElsewhere = receipts.length > 0 || (this.attestations.get(id) ?? []).some((a) => toHex(a.record.signer) !== this.#selfKey);
      if (seenElsewhere) forwarded++;
    }
    return { held: this.submissions.size, forwarded, acknowledged };
  }

  /** The first receipt held for a submission. */
  receiptFor(submissionId: string): ReceiptRecord | undefined {
    return this.receipts.get(submissionId)?.[0]?.record;
  }

  /** Resolves with the submission's receipt as soon as it is held; rejects after `timeoutMs` if given. */
  whenReceipt(submissionId: string, timeoutMs?: number): Promise<ReceiptRecord> {
    const held = this.receiptFor(submissionId);
    if (held) return Promise.resolve(held);
    return new Promise((resolve, reject) => {
      const waiters = this.#waiters.get(submissionId) ?? new Set();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (receipt: ReceiptRecord) => {
        clearTimeout(timer);
        resolve(receipt);
      };
      waiters.add(done);
      this.#waiters.set(submissionId, waiters);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          waiters.delete(done);
          reject(new ReceiptTimeoutError(submissionId, timeoutMs));
        }, timeoutMs);
      }
    });
  }

  /** Calls `listener` for every record that arrives from now on; returns a function removing it. */
  onRecord(listener: (entry: LedgerEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following the replica. */
  close(): void {
    this.#unsubscribe();
  }

  #add(object: ObjectEntry, origin: ObjectOrigin): void {
    let record: TitipRecord;
    try {
      record = decodedRecordOf(object) ?? decodeRecord(object.bytes);
    } catch {
      return; // not a record of this version; the replica's validator decides what is stored
    }
    const entry = { record, origin, at: this.#now() };
    switch (record.kind) {
      case 'submission':
        this.submissions.set(record.id, entry as LedgerEntry & { record: SubmissionRecord });
        break;
      case 'attestation':
        push(this.attestations, record.body.submission, entry as LedgerEntry & { record: AttestationRecord });
        break;
      case 'receipt': {
        push(this.receipts, record.body.submission, entry as LedgerEntry & { record: ReceiptRecord });
        const waiters = this.#waiters.get(record.body.submission);
        this.#waiters.delete(record.body.submission);
        for (const resolve of waiters ?? []) resolve(record);
        break;
      }
    }
    for (const listener of this.#listeners) listener(entry);
  }
}

/** No receipt arrived for a submission in time; the submission stays queued and keeps travelling. */
export class ReceiptTimeoutError extends Error {
  static override name = 'ReceiptTimeoutError';
  readonly code = 'RECEIPT_TIMEOUT';
  constructor(readonly submissionId: string, readonly timeoutMs: number) {
    super(`no receipt for ${submissionId} within ${timeoutMs} ms (it stays queued)`);
    this.name = 'ReceiptTimeoutError';
  }
}

/**
 * The record an entry carries from its validator or author, when it is this object's (its id: the hash of the bytes
 * the validator checked). Its body is not read here: a validator may decode it only when first read.
 */
function decodedRecordOf(entry: ObjectEntry): TitipRecord | undefined {
  const decoded = entry.decoded as Partial<TitipRecord> | undefined;
  if (typeof decoded !== 'object' || decoded === null || decoded.id !== entry.id || !(decoded.bytes instanceof Uint8Array)) return undefined;
  if (!RECORD_KINDS.includes(decoded.kind as TitipRecord['kind'])) return undefined;
  return decoded as TitipRecord;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
