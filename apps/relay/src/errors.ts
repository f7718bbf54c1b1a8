/** Stable codes of {@link RelayError}. */
export type RelayErrorCode =
  /** An option of `startRelay` is malformed (data dir, scopes). */
  | 'RELAY_INVALID_OPTION'
  /** The relay credential does not verify against the network root, is not a relay credential, or is not valid now. */
  | 'RELAY_CREDENTIAL_INVALID'
  /** The key pair is not the subject of the relay credential. */
  | 'RELAY_KEY_MISMATCH'
  /** The stage (pps/ppk) cannot be told from the credential and scopes. */
  | 'RELAY_STAGE_UNKNOWN'
  /** The attesting region does not fit the stage, the credential's regions or the relay's scopes. */
  | 'RELAY_REGION_INVALID';

/** The relay cannot start as configured; `code` says why, the message says what to change. */
export class RelayError extends Error {
  static override name = 'RelayError';
  readonly code: RelayErrorCode;
  constructor(code: RelayErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RelayError';
    this.code = code;
  }
}
