import { bytesEqual, encodeCanonical, keyId, type CanonicalValue } from '@titip/identity';
import { docIdOf, type SubmissionBody, type SubmissionRecord } from '@titip/records';
import type { Replica } from '@titip/sync';
import { SubmissionConflictError } from '../errors.js';
import { heldRecords } from './held-records.js';

/** What a submission says, without when it was signed or with which credential copy. */
function contentOf(body: SubmissionBody): Uint8Array {
  const { tps, election, form, photos, revision, supersedes, overrides } = body;
  return encodeCanonical({ tps, election, form, photos, revision, supersedes, overrides } as unknown as CanonicalValue);
}

/**
 * The submission to send, given what the replica already holds. Signing again after a failed run gives the same
 * numbers a new device time, hence a new id: sending both would be two different revision-N submissions from one
 * operator (an equivocation). So when the replica holds a submission by the same signer for the same TPS, election
 * and revision: with the same content it is returned instead of `fresh`; with different content this throws.
 * @throws {SubmissionConflictError} when the held one says something else (send revision N+1 superseding it).
 */
export function reuseHeldSubmission(replica: Pick<Replica, 'doc' | 'docIds'>, fresh: SubmissionRecord): SubmissionRecord {
  const content = contentOf(fresh.body);
  for (const record of heldRecords(replica, docIdOf(fresh))) {
    if (record.kind !== 'submission' || record.id === fresh.id) continue;
    const { tps, election, revision } = record.body;
    if (tps !== fresh.body.tps || election !== fresh.body.election || revision !== fresh.body.revision) continue;
    if (!bytesEqual(record.signer, fresh.signer)) continue;
    if (bytesEqual(contentOf(record.body), content)) return record;
    throw new SubmissionConflictError(
      record.id,
      `this data dir already holds revision ${revision} of ${election} at TPS ${tps} signed by ${keyId(record.signer).slice(0, 16)}… ` +
        `with different content (${record.id}); to correct it, sign revision ${revision + 1} with --supersedes ${record.id}`,
    );
  }
  return fresh;
}
