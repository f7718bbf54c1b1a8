/**
 * `@titip/records`: the signed objects of the election (submission, receipt, attestation): creating them
 * (the rule gate and signed overrides), verifying them (schema + signature + credential scope), the current
 * result of a TPS and its equivocations, and the object validator the sync layer calls.
 */
export {
  RecordsError,
  MalformedRecordError,
  RuleViolationError,
  InvalidRecordInputError,
  RecordVerificationError,
  WorkerValidatorError,
  type RecordsErrorCode,
  type WorkerValidatorFailure,
} from './errors.js';

export { objectIdSchema, electionIdSchema, timeMsSchema, credentialChainSchema } from './schema/common.js';
export { photoRefSchema, MAX_PHOTO_BYTES, PHOTO_TYPES, type PhotoRef } from './schema/photo-ref.js';
export { overrideSchema, MAX_OVERRIDE_REASON, type RuleOverride } from './schema/override.js';
export { submissionBodySchema, SUBMISSION_KIND, MAX_REVISION, type SubmissionBody } from './schema/submission-body.js';
export { receiptBodySchema, RECEIPT_KIND, type ReceiptBody } from './schema/receipt-body.js';
export {
  attestationBodySchema,
  ATTESTATION_KIND,
  ATTESTATION_STAGES,
  type AttestationBody,
  type AttestationStage,
} from './schema/attestation-body.js';

export {
  revocationBodySchema,
  REVOCATION_KIND,
  MAX_REVOCATION_REASON,
  REVOCATION_REGION_PATTERN,
  type RevocationBody,
} from './schema/revocation-body.js';

export {
  RECORD_KINDS,
  SIGNER_ROLE,
  type RecordKind,
  type TitipRecord,
  type SubmissionRecord,
  type ReceiptRecord,
  type AttestationRecord,
  type RevocationRecord,
  type TpsRecord,
} from './record/titip-record.js';
export { recordFailureCodes, type RecordFailure, type RecordFailureCode } from './record/record-failure.js';
export { decodeRecord, MAX_RECORD_BYTES, type DecodeRecordOptions } from './record/decode-record.js';
export { docIdOf } from './doc-id.js';

export { failingHardRules, unoverriddenRules } from './create/override-gate.js';
export { createSubmission, type CreateSubmissionParams } from './create/create-submission.js';
export { createReceipt, type CreateReceiptParams } from './create/create-receipt.js';
export { createAttestation, type CreateAttestationParams } from './create/create-attestation.js';
export { createRevocation, type CreateRevocationParams } from './create/create-revocation.js';

export {
  verifyRecord,
  verifyDecodedRecord,
  assertRecord,
  claimedTime,
  DEFAULT_CLOCK_SKEW_MS,
  type VerifyRecordOptions,
  type RecordVerification,
} from './verify/verify-record.js';
export { verifyRevocation, type VerifyRevocationOptions, type RevocationVerification } from './verify/verify-revocation.js';
export {
  createRecordValidator,
  type RecordValidator,
  type RecordValidatorOptions,
  type ValidationEntry,
} from './verify/record-validator.js';

export type { Standing, StandingReason } from './standing/standing.js';
export { judgeStanding, type JudgedChain, type JudgeStandingOptions } from './standing/judge-standing.js';
export { witnessedTime, witnessTime, type Witness, type WitnessedTimeOptions } from './standing/witnessed-time.js';
export {
  RevocationSet,
  DEFAULT_ISSUER_BACKDATE_MS,
  type RevocationSetOptions,
  type EffectiveRevocation,
} from './standing/revocation-set.js';

export { resolveCurrentResult, type CurrentResult, type Equivocation } from './resolve/resolve-current-result.js';
