/** Why an admitted record is not counted. */
export type StandingReason = 'expired' | 'not-yet-valid' | 'revoked';

/**
 * Whether an admitted record counts, judged at the time it was first witnessed (`witnessedAt`, ms):
 * `counted`, or not, with a stable `reason`, a human `message` and `detail` (the credential index, the
 * revocation id). A record that is not counted is kept, shown and reported, never deleted.
 */
export type Standing =
  | { readonly counted: true; readonly witnessedAt: number }
  | {
      readonly counted: false;
      readonly witnessedAt: number;
      readonly reason: StandingReason;
      readonly message: string;
      readonly detail: Readonly<Record<string, unknown>>;
    };
