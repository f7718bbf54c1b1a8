import type { SignedObject } from '@titip/identity';
import type { AttestationBody } from '../schema/attestation-body.js';
import type { ReceiptBody } from '../schema/receipt-body.js';
import type { RevocationBody } from '../schema/revocation-body.js';
import type { SubmissionBody } from '../schema/submission-body.js';

/** The kinds of record `@titip/records` knows. */
export const RECORD_KINDS = ['submission', 'receipt', 'attestation', 'revocation'] as const;

/** A record kind. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A signed submission; `id` is its hash (hex SHA-256 of `bytes`). */
export interface SubmissionRecord extends SignedObject<SubmissionBody> {
  kind: 'submission';
  id: string;
}

/** A signed receipt. */
export interface ReceiptRecord extends SignedObject<ReceiptBody> {
  kind: 'receipt';
  id: string;
}

/** A signed attestation. */
export interface AttestationRecord extends SignedObject<AttestationBody> {
  kind: 'attestation';
  id: string;
}

/** A signed revocation of a credential (see `revocationBodySchema`). */
export interface RevocationRecord extends SignedObject<RevocationBody> {
  kind: 'revocation';
  id: string;
}

/** Any Titip record, discriminated by `kind`. */
export type TitipRecord = SubmissionRecord | ReceiptRecord | AttestationRecord | RevocationRecord;

/** A record about one TPS (everything but a revocation): it has `body.tps` and `body.election`. */
export type TpsRecord = SubmissionRecord | ReceiptRecord | AttestationRecord;

/** The credential role that must sign each record kind (a revocation: an issuer, or the root key itself). */
export const SIGNER_ROLE = { submission: 'operator', receipt: 'server', attestation: 'relay', revocation: 'issuer' } as const;
