import type { CredentialChain, Network } from '@titip/config';
import type { Ed25519Provider, KeyPair } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import { createReceipt, decodeRecord, docIdOf, MalformedRecordError, type SubmissionRecord } from '@titip/records';
import type { MergeCompanion, ObjectEntry } from '@titip/sync';
import { RECEIPT_REFUSALS, receiptRefusal, type ReceiptRefusal } from './receipt-eligibility.js';

/** Where receipts are added: the replica (`Replica.addLocal`, and `Replica.setMergeCompanion` for receipts stored with their submissions). */
export interface ReceiptSink {
  addLocal(docId: string, entries: readonly ObjectEntry[], options?: { trusted?: boolean }): Promise<ObjectEntry[]>;
  setMergeCompanion?(companion: MergeCompanion | undefined): void;
}

/** Options of {@link ReceiptIssuer}. */
export interface ReceiptIssuerOptions {
  readonly sink: ReceiptSink;
  /** The server key pair: the subject of `credential`. */
  readonly keyPair: KeyPair;
  /** The server credential chain embedded in every receipt. */
  readonly credential: CredentialChain;
  /** Election definitions: submissions of unknown elections or outside an election's region get no receipt. */
  readonly network: Pick<Network, 'election'>;
  readonly provider: Ed25519Provider;
  /** Whether this server has already receipted a submission (the index knows every receipt held). */
  readonly isReceipted: (submission: string) => boolean;
  /** Server clock (ms). @default Date.now */
  readonly now?: () => number;
  /** Wait before retrying a batch the store refused. @default 1000 */
  readonly retryDelayMs?: number;
  /** Documents written at once. @default 8 */
  readonly concurrency?: number;
  /**
   * Receipt the submissions a sync message brings in the same write that stores them (the issuer becomes the sink's
   * {@link MergeCompanion}): one Automerge change set, one store batch and one sync message back per document
   * instead of two each. Off where receipts must wait for something after storage (credential standing).
   * @default false
   */
  readonly alongsideMerges?: boolean;
  /**
   * With `alongsideMerges`: whether a submission arriving by sync may be receipted in the write that stores it (e.g.
   * it would count under credential standing); the others are left to `offer`. @default every submission
   */
  readonly receiptAlongside?: (submission: SubmissionRecord, receivedAt: number) => boolean;
  readonly logger?: Logger;
}

/** Counters of a {@link ReceiptIssuer}. */
export interface ReceiptIssuerStats {
  /** Receipts issued by this process. */
  readonly issued: number;
  /** Submissions waiting for their receipt. */
  readonly pending: number;
  /** Submissions refused, by reason (this process). */
  readonly refused: Readonly<Record<ReceiptRefusal, number>>;
  /** Batches that failed to sign or store (stored ones are retried). */
  readonly failures: number;
}

interface Pending {
  readonly submission: SubmissionRecord;
  readonly receivedAt: number;
}

/**
 * Signs a receipt for every submission offered, at most one per submission, and adds them to the submission's desa
 * document. Offers made in one event-loop turn form one tick: each document gets one Automerge change (one
 * `addLocal`) per tick holding all its new receipts, however many submissions arrived. Offer a submission only once
 * it is durably stored (the replica emits after storing). With `alongsideMerges`, the submissions that arrive by
 * sync are receipted before that, in the very write that stores them ({@link ReceiptIssuer.objectsFor}): a receipt
 * is still never on disk, nor sent, without its submission.
 */
export class ReceiptIssuer implements MergeCompanion {
  readonly #options: ReceiptIssuerOptions;
  readonly #now: () => number;
  readonly #logger: Logger;
  #pending = new Map<string, Map<string, Pending>>();
  readonly #queued = new Set<string>();
  readonly #refused = Object.fromEntries(RECEIPT_REFUSALS.map((r) => [r, 0])) as Record<ReceiptRefusal, number>;
  readonly #idleWaiters: (() => void)[] = [];
  #issued = 0;
  #failures = 0;
  #scheduled = false;
  #running: Promise<void> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: ReceiptIssuerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
    if (options.alongsideMerges === true) options.sink.setMergeCompanion?.(this);
  }

  /**
   * `MergeCompanion.objectsFor`: the receipts of the submissions among `added` (validated, about to be stored in
   * `docId`) that are due one, signed to be stored in the same write. Nothing when stopped or when signing fails (the
   * submissions are then offered once stored, as without a companion).
   */
  async objectsFor(docId: string, added: readonly ObjectEntry[]): Promise<ObjectEntry[]> {
    if (this.#stopped) return [];
    const { credential, network, isReceipted } = this.#options;
    const receivedAt = this.#now();
    const due: Pending[] = [];
    for (const entry of added) {
      const submission = submissionOf(entry);
      if (submission === undefined || this.#queued.has(submission.id) || isReceipted(submission.id)) continue;
      // One refused is left to the usual path, which counts and logs it once it is stored and offered.
      if (receiptRefusal(submission, network, credential.leaf, receivedAt) !== null) continue;
      if (this.#options.receiptAlongside === undefined || this.#options.receiptAlongside(submission, receivedAt)) due.push({ submission, receivedAt });
    }
    if (due.length === 0) return [];
    try {
      return await this.#sign(due);
    } catch (error) {
      this.#failures++;
      this.#logger.error('cannot sign receipts', { docId, count: due.length, error });
      return [];
    }
  }

  /** `MergeCompanion.settled`: receipts stored with their submissions count as issued. */
  settled(docId: string, objects: readonly ObjectEntry[], stored: boolean): void {
    if (!stored) return;
    this.#issued += objects.length;
    this.#logger.debug('receipts issued with their submissions', { docId, count: objects.length });
  }

  /** Queues a stored submission for its receipt (ignored when already receipted or queued). */
  offer(submission: SubmissionRecord, receivedAt: number = this.#now()): void {
    if (this.#stopped || this.#queued.has(submission.id) || this.#options.isReceipted(submission.id)) return;
    this.#queued.add(submission.id);
    const docId = docIdOf(submission);
    let doc = this.#pending.get(docId);
    if (doc === undefined) {
      doc = new Map();
      this.#pending.set(docId, doc);
    }
    doc.set(submission.id, { submission, receivedAt });
    this.#schedule();
  }

  /** Counters. */
  stats(): ReceiptIssuerStats {
    return { issued: this.#issued, pending: this.#queued.size, refused: { ...this.#refused }, failures: this.#failures };
  }

  /** Resolves once every submission offered so far has been receipted, refused or dropped. */
  idle(): Promise<void> {
    if (this.#queued.size === 0 && this.#running === undefined) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops issuing: waits for the tick in progress; what is still queued is issued on the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#options.alongsideMerges === true) this.#options.sink.setMergeCompanion?.(undefined);
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#running;
    this.#pending.clear();
    this.#queued.clear();
    this.#settle();
  }

  #schedule(): void {
    if (this.#scheduled || this.#running !== undefined || this.#retry !== undefined || this.#stopped) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#run().finally(() => {
        this.#running = undefined;
        if (this.#pending.size > 0) this.#schedule();
        this.#settle();
      });
    });
  }

  async #run(): Promise<void> {
    while (this.#pending.size > 0 && !this.#stopped && this.#retry === undefined) {
      const batch = this.#pending;
      this.#pending = new Map();
      const docs = [...batch.entries()];
      const workers = Array.from({ length: Math.min(this.#options.concurrency ?? 8, docs.length) }, async () => {
        for (let next = docs.shift(); next !== undefined; next = docs.shift()) await this.#issueDoc(next[0], [...next[1].values()]);
      });
      await Promise.all(workers);
    }
  }

  /** The items still due a receipt (not receipted yet, not refused: refusals are counted and logged). */
  #due(items: readonly Pending[]): Pending[] {
    const { credential, network } = this.#options;
    const due: Pending[] = [];
    for (const item of items) {
      const id = item.submission.id;
      if (this.#options.isReceipted(id)) {
        this.#queued.delete(id);
        continue;
      }
      const refusal = receiptRefusal(item.submission, network, credential.leaf, item.receivedAt);
      if (refusal === null) {
        due.push(item);
        continue;
      }
      this.#refused[refusal]++;
      this.#queued.delete(id);
      const { tps, election, revision } = item.submission.body;
      this.#logger.warn('no receipt for submission', { submission: id, tps, election, revision, reason: refusal });
    }
    return due;
  }

  async #sign(due: readonly Pending[]): Promise<ObjectEntry[]> {
    const { keyPair, credential, provider } = this.#options;
    const receipts = await Promise.all(
      due.map((item) => createReceipt({ keyPair, credentials: credential.chain, submission: item.submission, receivedAt: item.receivedAt }, provider)),
    );
    return receipts.map((r) => ({ id: r.id, bytes: r.bytes, decoded: r }));
  }

  async #issueDoc(docId: string, items: Pending[]): Promise<void> {
    const { sink } = this.#options;
    const due = this.#due(items);
    if (due.length === 0) return;
    let entries: ObjectEntry[];
    try {
      entries = await this.#sign(due);
    } catch (error) {
      this.#failures++;
      for (const item of due) this.#queued.delete(item.submission.id);
      this.#logger.error('cannot sign receipts', { docId, count: due.length, error });
      return;
    }
    try {
      await sink.addLocal(docId, entries, { trusted: true });
      this.#issued += entries.length;
      for (const item of due) this.#queued.delete(item.submission.id);
      this.#logger.debug('receipts issued', { docId, count: entries.length });
    } catch (error) {
      this.#failures++;
      if (this.#stopped) return;
      this.#logger.error('cannot store receipts, retrying', { docId, count: entries.length, error });
      const doc = this.#pending.get(docId) ?? new Map<string, Pending>();
      for (const item of due) doc.set(item.submission.id, item);
      this.#pending.set(docId, doc);
      this.#retry ??= setTimeout(() => {
        this.#retry = undefined;
        this.#schedule();
      }, this.#options.retryDelayMs ?? 1000);
    }
  }

  #settle(): void {
    if (this.#queued.size > 0 || this.#running !== undefined) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

/** The submission an entry holds: the record its validator decoded when it carries one, else decoded here. */
function submissionOf(entry: ObjectEntry): SubmissionRecord | undefined {
  const decoded = entry.decoded as Partial<SubmissionRecord> | undefined;
  if (typeof decoded === 'object' && decoded !== null && decoded.id === entry.id && decoded.bytes instanceof Uint8Array) {
    return decoded.kind === 'submission' ? (decoded as SubmissionRecord) : undefined;
  }
  try {
    const record = decodeRecord(entry.bytes);
    return record.kind === 'submission' && record.id === entry.id ? record : undefined;
  } catch (error) {
    if (error instanceof MalformedRecordError) return undefined;
    throw error;
  }
}
