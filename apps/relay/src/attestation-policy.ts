import type { CredentialChain } from '@titip/config';
import type { Ed25519Provider, KeyPair } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import { createAttestation, docIdOf, type AttestationStage, type SubmissionRecord } from '@titip/records';
import { AuthoringQueue, type RecordLedger, type Replica } from '@titip/sync';
import { bytesEqual } from '@titip/identity';

/** What a PPS/PPK relay needs to attest what it sees. */
export interface AttestationSigner {
  readonly keyPair: KeyPair;
  readonly credential: CredentialChain;
  /** 'pps' (desa committee) or 'ppk' (kecamatan committee). */
  readonly stage: AttestationStage;
  /** The relay's desa (pps, 10 digits) or kecamatan (ppk, 6 digits) code. */
  readonly region: string;
}

/**
 * Signs "seen at PPS/PPK <region>" for every submission of its region the relay holds, once each: for those
 * arriving and, on start, for those already held without one. Attestations travel like everything else and give
 * the server (and anyone) the chain of custody of each result.
 */
export function startAttesting(
  replica: Replica,
  ledger: RecordLedger,
  signer: AttestationSigner,
  provider: Ed25519Provider,
  options: { logger?: Logger; now?: () => number } = {},
): () => void {
  const logger = options.logger ?? silentLogger;
  const queue = new AuthoringQueue(replica, { logger });
  const attested = new Set<string>();
  const attest = async (submission: SubmissionRecord): Promise<void> => {
    if (!submission.body.tps.startsWith(signer.region) || attested.has(submission.id)) return;
    const mine = (ledger.attestations.get(submission.id) ?? []).some((a) => bytesEqual(a.record.signer, signer.keyPair.publicKey));
    attested.add(submission.id);
    if (mine) return;
    try {
      const attestation = await createAttestation(
        { keyPair: signer.keyPair, credentials: signer.credential.chain, submission, stage: signer.stage, region: signer.region, seenAt: (options.now ?? Date.now)() },
        provider,
      );
      queue.enqueue(docIdOf(attestation), { id: attestation.id, bytes: attestation.bytes });
    } catch (error) {
      attested.delete(submission.id);
      logger.error('could not attest', { submission: submission.id, error });
    }
  };
  for (const entry of ledger.submissions.values()) void attest(entry.record);
  return ledger.onRecord((entry) => {
    if (entry.record.kind === 'submission') void attest(entry.record);
  });
}
