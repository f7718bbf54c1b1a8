import { signObject, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { InvalidRecordInputError } from '../errors.js';
import type { ReceiptRecord, SubmissionRecord } from '../record/titip-record.js';
import { RECEIPT_KIND, receiptBodySchema, type ReceiptBody } from '../schema/receipt-body.js';

/** Arguments of {@link createReceipt}. */
export interface CreateReceiptParams {
  /** The server's key pair (subject of a root-signed server credential). */
  keyPair: KeyPair;
  /** The server credential chain, leaf first. */
  credentials: Uint8Array[];
  /** The (verified) submission acknowledged. */
  submission: Pick<SubmissionRecord, 'id' | 'body'>;
  /** Server clock (ms). @default Date.now() */
  receivedAt?: number;
}

/**
 * Signs a receipt for a submission (the KPU server's acknowledgement, which travels back to the operator).
 * @throws {InvalidRecordInputError} when the fields do not match the receipt schema.
 */
export async function createReceipt(params: CreateReceiptParams, provider: Ed25519Provider): Promise<ReceiptRecord> {
  const body: ReceiptBody = {
    submission: params.submission.id,
    tps: params.submission.body.tps,
    election: params.submission.body.election,
    revision: params.submission.body.revision,
    receivedAt: params.receivedAt ?? Date.now(),
    credentials: params.credentials,
  };
  const parsed = receiptBodySchema.safeParse(body);
  if (!parsed.success) throw new InvalidRecordInputError(`invalid receipt: ${parsed.error.issues[0]?.message ?? ''}`);
  const obj = await signObject(RECEIPT_KIND, parsed.data, params.keyPair, provider);
  return { ...obj, kind: 'receipt', id: obj.hash };
}
