import { signObject, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { InvalidRecordInputError } from '../errors.js';
import type { AttestationRecord, SubmissionRecord } from '../record/titip-record.js';
import { ATTESTATION_KIND, attestationBodySchema, type AttestationBody, type AttestationStage } from '../schema/attestation-body.js';

/** Arguments of {@link createAttestation}. */
export interface CreateAttestationParams {
  /** The relay's key pair (subject of a relay credential). */
  keyPair: KeyPair;
  /** The relay credential chain, leaf first. */
  credentials: Uint8Array[];
  /** The submission seen. */
  submission: Pick<SubmissionRecord, 'id' | 'body'>;
  stage: AttestationStage;
  /** The relay's desa (pps) or kecamatan (ppk) code. */
  region: string;
  /** Relay clock (ms). @default Date.now() */
  seenAt?: number;
}

/**
 * Signs an attestation that a PPS/PPK relay has seen a submission.
 * @throws {InvalidRecordInputError} when the fields do not match the attestation schema (e.g. a ppk region
 *   that is not 6 digits, or a TPS outside the region).
 */
export async function createAttestation(params: CreateAttestationParams, provider: Ed25519Provider): Promise<AttestationRecord> {
  const body: AttestationBody = {
    submission: params.submission.id,
    tps: params.submission.body.tps,
    election: params.submission.body.election,
    stage: params.stage,
    region: params.region,
    seenAt: params.seenAt ?? Date.now(),
    credentials: params.credentials,
  };
  const parsed = attestationBodySchema.safeParse(body);
  if (!parsed.success) throw new InvalidRecordInputError(`invalid attestation: ${parsed.error.issues[0]?.message ?? ''}`);
  const obj = await signObject(ATTESTATION_KIND, parsed.data, params.keyPair, provider);
  return { ...obj, kind: 'attestation', id: obj.hash };
}
