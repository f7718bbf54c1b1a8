import type { Ed25519Provider } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord, type ReceiptRecord, type TitipRecord } from '@titip/records';
import type { Replica } from '@titip/sync';
import { heldRecords } from './held-records.js';

/** Options of {@link receiptFor} and {@link submitAndAwaitReceipt}. */
export interface ReceiptCheckOptions {
  /**
   * The KPU root public key. When given, every candidate receipt is verified again (signature, server credential
   * chaining to this root, scope). Without it the replica's own validation is relied on: remote objects only enter a
   * replica through the record validator, which demands a server credential chaining to the root.
   */
  readonly root?: Uint8Array;
  /** Ed25519 implementation. @default nodeEd25519 */
  readonly provider?: Ed25519Provider;
}

/** Whether `record` is a receipt of `submissionId` that verifies (see {@link ReceiptCheckOptions.root}). */
export async function isReceiptOf(record: TitipRecord, submissionId: string, options: ReceiptCheckOptions = {}): Promise<boolean> {
  if (record.kind !== 'receipt' || record.body.submission !== submissionId) return false;
  if (options.root === undefined) return true;
  const verified = await verifyRecord(record, { root: options.root, provider: options.provider ?? nodeEd25519 });
  return verified.ok && verified.record.kind === 'receipt';
}

/**
 * The receipt of a submission held in a replica (the earliest by `receivedAt` when several servers answered), or
 * `undefined`. Receipts live in the submission's document; when the submission itself is not held, every document
 * is searched.
 */
export async function receiptFor(
  replica: Pick<Replica, 'doc' | 'docIds' | 'locationOf'>,
  submissionId: string,
  options: ReceiptCheckOptions = {},
): Promise<ReceiptRecord | undefined> {
  let best: ReceiptRecord | undefined;
  for (const record of heldRecords(replica, replica.locationOf(submissionId))) {
    if (!(await isReceiptOf(record, submissionId, options))) continue;
    const receipt = record as ReceiptRecord;
    if (best === undefined || receipt.body.receivedAt < best.body.receivedAt) best = receipt;
  }
  return best;
}
