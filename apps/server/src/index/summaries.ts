import { toHex } from '@titip/identity';
import type { AttestationRecord, AttestationStage, ReceiptRecord } from '@titip/records';

/** What the index keeps of an attestation: a relay saw a submission at a stage of the chain of custody. */
export interface AttestationSummary {
  readonly id: string;
  readonly submission: string;
  readonly stage: AttestationStage;
  /** The attesting desa (pps) or kecamatan (ppk). */
  readonly region: string;
  /** The relay's public key, hex. */
  readonly signer: string;
  /** Relay clock (ms). */
  readonly seenAt: number;
}

/** What the index keeps of a receipt: a KPU server acknowledged a submission. */
export interface ReceiptSummary {
  readonly id: string;
  readonly submission: string;
  readonly revision: number;
  /** The server's public key, hex. */
  readonly signer: string;
  /** Server clock (ms). */
  readonly receivedAt: number;
}

/** The summary of an attestation record. */
export function summariseAttestation(record: AttestationRecord): AttestationSummary {
  const { body } = record;
  return { id: record.id, submission: body.submission, stage: body.stage, region: body.region, signer: toHex(record.signer), seenAt: body.seenAt };
}

/** The summary of a receipt record. */
export function summariseReceipt(record: ReceiptRecord): ReceiptSummary {
  const { body } = record;
  return { id: record.id, submission: body.submission, revision: body.revision, signer: toHex(record.signer), receivedAt: body.receivedAt };
}
