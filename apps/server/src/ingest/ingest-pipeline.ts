import { silentLogger, type Logger } from '@titip/log';
import { decodeRecord, MalformedRecordError, RECORD_KINDS, type SubmissionRecord, type TitipRecord } from '@titip/records';
import type { ObjectEntry, ObjectsAddedEvent } from '@titip/sync';
import type { ResultsIndex } from '../index/results-index.js';

/** The parts of a replica the pipeline reads. */
export interface IngestSource {
  onObjectsAdded(listener: (event: ObjectsAddedEvent) => void): () => void;
  objects(): Iterable<ObjectEntry & { docId: string }>;
}

/** Options of {@link IngestPipeline}. */
export interface IngestPipelineOptions {
  readonly source: IngestSource;
  readonly index: ResultsIndex;
  /** Called with every newly indexed submission and the time it was seen (e.g. `ReceiptIssuer.offer`). */
  readonly onSubmission: (submission: SubmissionRecord, seenAt: number) => void;
  /** @default Date.now */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/**
 * Feeds the server's index from its replica: every batch of stored objects is decoded (they were verified by the
 * validating merge before the replica stored them; the record the validator or the author decoded is used when the
 * entry carries it), indexed, and each new submission is handed on for its receipt.
 * {@link start} subscribes and scans what is already held in the same turn, so nothing stored before or while the
 * server starts is missed (a crash between storing a submission and receipting it loses nothing).
 */
export class IngestPipeline {
  readonly #options: IngestPipelineOptions;
  readonly #logger: Logger;
  #unsubscribe: (() => void) | undefined;
  #undecodable = 0;

  constructor(options: IngestPipelineOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Subscribes to new objects and indexes everything already held. Returns how many records it indexed. */
  start(): number {
    if (this.#unsubscribe !== undefined) return 0;
    this.#unsubscribe = this.#options.source.onObjectsAdded((event) => this.#ingest(event.added));
    return this.#ingest(this.#options.source.objects());
  }

  /** Stops following the replica. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Objects held that do not decode as records (none unless the store was tampered with). */
  get undecodable(): number {
    return this.#undecodable;
  }

  #ingest(entries: Iterable<ObjectEntry>): number {
    const now = (this.#options.now ?? Date.now)();
    const { index } = this.#options;
    const submissions: SubmissionRecord[] = [];
    let indexed = 0;
    for (const entry of entries) {
      if (index.has(entry.id)) continue;
      let record: TitipRecord;
      try {
        record = decodedRecordOf(entry) ?? decodeRecord(entry.bytes);
      } catch (error) {
        if (!(error instanceof MalformedRecordError)) throw error;
        this.#undecodable++;
        this.#logger.error('stored object is not a record', { id: entry.id, error });
        continue;
      }
      if (record.id !== entry.id) {
        this.#undecodable++;
        this.#logger.error('stored object is held under another id', { id: entry.id, hash: record.id });
        continue;
      }
      index.add(record);
      indexed++;
      if (record.kind === 'submission') submissions.push(record);
    }
    // Offered after the whole batch is indexed, so receipts held in the same batch are known.
    for (const submission of submissions) this.#options.onSubmission(submission, now);
    return indexed;
  }
}

/** The record an entry carries from its validator or author (see `ObjectEntry.decoded`), if it is this object's. */
function decodedRecordOf(entry: ObjectEntry): TitipRecord | undefined {
  const decoded = entry.decoded as Partial<TitipRecord> | undefined;
  if (typeof decoded !== 'object' || decoded === null) return undefined;
  if (decoded.id !== entry.id || !(decoded.bytes instanceof Uint8Array)) return undefined;
  if (!RECORD_KINDS.includes(decoded.kind as TitipRecord['kind']) || typeof decoded.body !== 'object' || decoded.body === null) return undefined;
  return decoded as TitipRecord;
}
