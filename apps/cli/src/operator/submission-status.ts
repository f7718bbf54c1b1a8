import { keyId } from '@titip/identity';
import type { AttestationStage, SubmissionRecord } from '@titip/records';
import type { Replica } from '@titip/sync';
import { heldRecords } from './held-records.js';
import { isReceiptOf, type ReceiptCheckOptions } from './receipt-for.js';

/** One submission held in a replica and what came back for it. */
export interface SubmissionStatus {
  readonly id: string;
  readonly tps: string;
  readonly election: string;
  readonly revision: number;
  readonly supersedes: string | null;
  /** The device time it was signed at (ISO 8601). */
  readonly deviceTime: string;
  /** The operator's key id (hex public key). */
  readonly signer: string;
  /** Rules overridden. */
  readonly overrides: readonly string[];
  /** The (earliest) receipt, or null while it is still queued. */
  readonly receipt: { readonly id: string; readonly receivedAt: string; readonly server: string } | null;
  /** Chain-of-custody attestations seen (PPS/PPK relays). */
  readonly attestations: readonly { readonly id: string; readonly stage: AttestationStage; readonly region: string; readonly seenAt: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every submission a replica holds, with its receipt (if any) and attestations, sorted by TPS, election and
 * revision. `root` re-verifies receipts (see {@link ReceiptCheckOptions}).
 */
export async function listSubmissions(replica: Pick<Replica, 'doc' | 'docIds'>, options: ReceiptCheckOptions = {}): Promise<SubmissionStatus[]> {
  const statuses: SubmissionStatus[] = [];
  for (const docId of replica.docIds()) {
    const records = [...heldRecords(replica, docId)];
    for (const submission of records.filter((r): r is SubmissionRecord => r.kind === 'submission')) {
      let receipt: SubmissionStatus['receipt'] = null;
      let receivedAt = Number.POSITIVE_INFINITY;
      const attestations: SubmissionStatus['attestations'][number][] = [];
      for (const record of records) {
        if (record.kind === 'attestation' && record.body.submission === submission.id) {
          attestations.push({ id: record.id, stage: record.body.stage, region: record.body.region, seenAt: iso(record.body.seenAt) });
        } else if (record.kind === 'receipt' && record.body.receivedAt < receivedAt && (await isReceiptOf(record, submission.id, options))) {
          receivedAt = record.body.receivedAt;
          receipt = { id: record.id, receivedAt: iso(record.body.receivedAt), server: keyId(record.signer) };
        }
      }
      const { tps, election, revision, supersedes, deviceTime, overrides } = submission.body;
      statuses.push({
        id: submission.id,
        tps,
        election,
        revision,
        supersedes,
        deviceTime: iso(deviceTime),
        signer: keyId(submission.signer),
        overrides: overrides.map((o) => o.rule),
        receipt,
        attestations: attestations.sort((a, b) => a.seenAt.localeCompare(b.seenAt)),
      });
    }
  }
  return statuses.sort((a, b) => a.tps.localeCompare(b.tps) || a.election.localeCompare(b.election) || a.revision - b.revision || a.id.localeCompare(b.id));
}
