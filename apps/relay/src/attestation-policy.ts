import type { CredentialChain } from '@titip/config';
import { bytesEqual, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { silentLogger, type Logger } from '@titip/log';
import { createAttestation, docIdOf, type AttestationStage, type SubmissionRecord } from '@titip/records';
import { AuthoringQueue, type RecordLedger, type Replica } from '@titip/sync';

/** What a PPS/PPK relay needs to attest what it sees. */
export interface AttestationSigner {
  readonly keyPair: KeyPair;
  readonly credential: CredentialChain;
  /** 'pps' (desa committee) or 'ppk' (kecamatan committee). */
  readonly stage: AttestationStage;
  /** The relay's desa (pps, 10 digits) or kecamatan (ppk, 6 digits) code. */
  readonly region: string;
}

/** Why a held submission of the relay's region got no attestation (logged once per reason and election). */
type SkipReason = 'election-not-in-credential' | 'credential-not-valid-now';

/**
 * Signs "seen at PPS/PPK <region>" for every submission of its region the relay holds, once each: for those
 * arriving and, on start, for those already held without one (an attestation of this key already held, e.g. from
 * before a restart, counts). Submissions outside the region, of an election the relay credential does not list, or
 * seen while the credential is not valid get none: such an attestation would not verify. Each attestation goes
 * through the replica's validator before it is stored. Attestations travel like everything else and give the
 * server (and anyone) the chain of custody of each result.
 *
 * Returns `stop`, which stops attesting, waits for the signatures in flight and stores them; check the signer
 * first with `checkAttestationSigner`.
 */
export function startAttesting(
  replica: Replica,
  ledger: RecordLedger,
  signer: AttestationSigner,
  provider: Ed25519Provider,
  options: { logger?: Logger; now?: () => number } = {},
): () => Promise<void> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const queue = new AuthoringQueue(replica, { logger, validate: true });
  const { elections, validFrom, validUntil } = signer.credential.leaf;
  const attested = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const skipped = new Set<string>();
  let stopped = false;
  const skip = (reason: SkipReason, submission: SubmissionRecord): void => {
    const key = `${reason}/${submission.body.election}`;
    if (skipped.has(key)) return;
    skipped.add(key);
    logger.warn('not attesting', { reason, election: submission.body.election, submission: submission.id, validFrom, validUntil });
  };
  const attest = async (submission: SubmissionRecord): Promise<void> => {
    if (!submission.body.tps.startsWith(signer.region) || attested.has(submission.id)) return;
    if (!elections.includes(submission.body.election)) return skip('election-not-in-credential', submission);
    const seenAt = now();
    if (seenAt < validFrom || seenAt >= validUntil) return skip('credential-not-valid-now', submission);
    attested.add(submission.id);
    const mine = (ledger.attestations.get(submission.id) ?? []).some((a) => bytesEqual(a.record.signer, signer.keyPair.publicKey));
    if (mine) return;
    try {
      const attestation = await createAttestation(
        { keyPair: signer.keyPair, credentials: signer.credential.chain, submission, stage: signer.stage, region: signer.region, seenAt },
        provider,
      );
      queue.enqueue(docIdOf(attestation), { id: attestation.id, bytes: attestation.bytes });
      logger.info('attested', { submission: submission.id, tps: submission.body.tps, stage: signer.stage, region: signer.region });
    } catch (error) {
      attested.delete(submission.id);
      logger.error('could not attest', { submission: submission.id, error });
    }
  };
  const track = (submission: SubmissionRecord): void => {
    if (stopped) return;
    const task = attest(submission);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };
  for (const entry of ledger.submissions.values()) track(entry.record);
  const unsubscribe = ledger.onRecord((entry) => {
    if (entry.record.kind === 'submission') track(entry.record);
  });
  return async () => {
    stopped = true;
    unsubscribe();
    await Promise.all(inFlight);
    await queue.flush();
  };
}
