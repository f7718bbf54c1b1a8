import type { VerificationFailure, VerificationFailureCode } from '@titip/identity';

/**
 * Why a record failed verification: identity's credential/signature codes plus
 * `too-large` (input over the byte limit), `schema` (body does not match its kind's schema),
 * `signer-mismatch` (signer is not the leaf credential's subject), `tps-not-allowed` (TPS outside the
 * credential's regions, or outside the election's region), `unoverridden-rule` (a hard rule fails without an
 * override), `hash-mismatch` (bytes do not hash to the id they were offered under) and `revocation-not-allowed`
 * (a revocation signed by neither the root key nor the issuer of the credential it revokes).
 */
export type RecordFailureCode =
  | VerificationFailureCode
  | 'too-large'
  | 'schema'
  | 'signer-mismatch'
  | 'tps-not-allowed'
  | 'unoverridden-rule'
  | 'hash-mismatch'
  | 'revocation-not-allowed';

/** A record verification failure: stable `code`, human `message`, optional `detail`. */
export type RecordFailure = VerificationFailure<RecordFailureCode>;

/** Every {@link RecordFailureCode}, for exhaustive handling and tests. */
export const recordFailureCodes: readonly RecordFailureCode[] = [
  'malformed',
  'bad-signature',
  'unknown-root',
  'wrong-role',
  'outside-region',
  'election-not-allowed',
  'not-yet-valid',
  'expired',
  'window-outside-issuer',
  'chain-too-long',
  'chain-broken',
  'too-large',
  'schema',
  'signer-mismatch',
  'tps-not-allowed',
  'unoverridden-rule',
  'hash-mismatch',
  'revocation-not-allowed',
];
