import { docIdOf, type ReceiptRecord, type SubmissionRecord } from '@titip/records';
import type { ObjectsAddedEvent, Replica } from '@titip/sync';
import { AbortedError, ReceiptTimeoutError } from '../errors.js';
import { decodeOrUndefined } from './held-records.js';
import { isReceiptOf, receiptFor, type ReceiptCheckOptions } from './receipt-for.js';

/** Options of {@link submitAndAwaitReceipt}. */
export interface AwaitReceiptOptions extends ReceiptCheckOptions {
  /** How long to wait for the receipt. */
  readonly timeoutMs: number;
  /** Stops waiting (the submission stays queued). */
  readonly signal?: AbortSignal;
}

/**
 * Queues a submission in the operator's replica (durably: it is in the store when this returns or fails) and waits
 * for its receipt: a receipt record naming the submission, signed by a server credential chaining to the root. The
 * replica's peer pushes the submission to every connected peer and the receipt comes back the same way. Resolves at
 * once when the replica already holds a receipt.
 * @param peer - a running peer (`startNodePeer`) whose scopes cover the TPS, or anything with its replica.
 * @throws {ReceiptTimeoutError} when no receipt arrives within `timeoutMs` (the submission stays queued).
 * @throws {AbortedError} when `signal` aborts first.
 */
export async function submitAndAwaitReceipt(
  peer: { readonly replica: Replica },
  submission: SubmissionRecord,
  options: AwaitReceiptOptions,
): Promise<ReceiptRecord> {
  const { replica } = peer;
  const docId = docIdOf(submission);
  const id = submission.id;
  if (options.signal?.aborted) throw new AbortedError('aborted before submitting');

  let settle: { resolve: (r: ReceiptRecord) => void; reject: (e: Error) => void } | undefined;
  const arrived = new Promise<ReceiptRecord>((resolve, reject) => {
    settle = { resolve, reject };
  });
  arrived.catch(() => undefined); // settled after an early return: not an unhandled rejection
  // Listen before adding, so a receipt that comes back at once is not missed.
  let checking = Promise.resolve();
  const unsubscribe = replica.onObjectsAdded((event: ObjectsAddedEvent) => {
    if (event.docId !== docId) return;
    checking = checking.then(async () => {
      for (const entry of event.added) {
        const record = decodeOrUndefined(entry.bytes);
        if (record !== undefined && (await isReceiptOf(record, id, options))) settle?.resolve(record as ReceiptRecord);
      }
    });
  });
  const timer = setTimeout(() => settle?.reject(new ReceiptTimeoutError(id, options.timeoutMs)), options.timeoutMs);
  const onAbort = () => settle?.reject(new AbortedError(`stopped waiting for the receipt of ${id}`));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await replica.addLocal(docId, [{ id, bytes: submission.bytes }], { trusted: true });
    const held = await receiptFor(replica, id, options);
    if (held !== undefined) return held;
    return await arrived;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}
