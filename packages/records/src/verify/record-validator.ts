import {
  createCredentialCache,
  providerBatchVerifier,
  verifyItemOf,
  warmCredentialCache,
  type BatchVerifier,
  type VerifyItem,
} from '@titip/identity';
import { MAX_RECORD_BYTES } from '../record/decode-record.js';
import type { TitipRecord } from '../record/titip-record.js';
import { openEntry } from './open-entry.js';
import { verifyDecodedRecord, type RecordVerification, type VerifyRecordOptions } from './verify-record.js';

/** Options of {@link createRecordValidator}. */
export interface RecordValidatorOptions extends VerifyRecordOptions {
  /**
   * Verifies signatures of a batch at once (e.g. `createWorkerVerifier()` from `@titip/identity/node`).
   * @default the provider, one signature after another
   */
  batchVerifier?: BatchVerifier;
}

/** One object offered for validation: the id it is stored under and its bytes. */
export interface ValidationEntry {
  id: string;
  bytes: Uint8Array;
}

/**
 * The object validator the sync layer calls for each object received (`validate(id, bytes)`), with a batch
 * form for throughput (`validate.batch(entries)`, results in input order), and `close()` to release what it
 * holds (worker threads; nothing for the single-thread validator).
 */
export interface RecordValidator {
  (id: string, bytes: Uint8Array): Promise<RecordVerification>;
  batch(entries: readonly ValidationEntry[]): Promise<RecordVerification[]>;
  /** Releases the validator's resources; later calls may reject. Safe to repeat. */
  close(): Promise<void>;
}

/**
 * Creates a {@link RecordValidator}: checks that `id` is the hex SHA-256 of `bytes` (`hash-mismatch`) before
 * anything else, then everything {@link verifyRecord} checks. A credential cache is created when none is
 * given, so repeated credentials are verified once per validator. Bad objects never make it throw or reject;
 * the batch form rejects only if the batch verifier itself fails (e.g. a closed worker pool). Runs on the
 * calling thread (signatures through `batchVerifier` when given); `createWorkerRecordValidator` from
 * `@titip/records/node` runs the whole validation in worker threads.
 */
export function createRecordValidator(options: RecordValidatorOptions): RecordValidator {
  const cache = options.cache ?? createCredentialCache();
  const maxBytes = options.maxBytes ?? MAX_RECORD_BYTES;
  const shared: VerifyRecordOptions = { ...options, cache, maxBytes };
  const batchVerifier = options.batchVerifier ?? providerBatchVerifier(options.provider);

  const validate = async (id: string, bytes: Uint8Array): Promise<RecordVerification> => {
    const opened = openEntry(id, bytes, maxBytes);
    if (!opened.ok) return opened;
    return verifyDecodedRecord(opened.record, shared);
  };

  const batch = async (entries: readonly ValidationEntry[]): Promise<RecordVerification[]> => {
    const opened = entries.map((e) => openEntry(e.id, e.bytes, maxBytes));
    const records: { index: number; record: TitipRecord; item: VerifyItem }[] = [];
    opened.forEach((o, index) => {
      if (o.ok) records.push({ index, record: o.record, item: verifyItemOf(o.record) });
    });
    // Credential envelopes not yet cached are verified in one batch; the chain checks then hit the cache.
    await warmCredentialCache(
      records.flatMap((r) => r.record.body.credentials),
      cache,
      batchVerifier,
    );
    const signatures = records.length === 0 ? [] : await batchVerifier.verifyBatch(records.map((r) => r.item));
    const results: RecordVerification[] = opened.map((o) => (o.ok ? (undefined as never) : o));
    for (let i = 0; i < records.length; i++) {
      const { index, record } = records[i]!;
      results[index] = await verifyDecodedRecord(record, shared, signatures[i] === true);
    }
    return results;
  };

  return Object.assign(validate, { batch, close: async () => {} });
}
