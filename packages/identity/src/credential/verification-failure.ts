/** Stable codes of credential and signature verification failures. */
export type VerificationFailureCode =
  | 'malformed'
  | 'bad-signature'
  | 'unknown-root'
  | 'wrong-role'
  | 'outside-region'
  | 'election-not-allowed'
  | 'not-yet-valid'
  | 'expired'
  | 'window-outside-issuer'
  | 'chain-too-long'
  | 'chain-broken';

/** Why a verification failed: a stable `code`, a human `message`, and optional structured `detail`. */
export interface VerificationFailure<C extends string = VerificationFailureCode> {
  code: C;
  message: string;
  detail?: Record<string, unknown>;
}

/** Builds a {@link VerificationFailure}. */
export function failure<C extends string>(code: C, message: string, detail?: Record<string, unknown>): VerificationFailure<C> {
  return detail === undefined ? { code, message } : { code, message, detail };
}
