import { chainWindowFailure, type CredentialBody } from '@titip/identity';
import { DEFAULT_CLOCK_SKEW_MS } from '../verify/verify-record.js';
import type { RevocationSet } from './revocation-set.js';
import type { Standing } from './standing.js';

/** What {@link judgeStanding} judges: a verified credential chain (leaf first) and who signed each link. */
export interface JudgedChain {
  readonly chain: readonly CredentialBody[];
  /** The key that signed each credential of `chain` (same length; the last: the root). */
  readonly signers: readonly Uint8Array[];
}

/** Options of {@link judgeStanding}. */
export interface JudgeStandingOptions {
  /** When the record was first witnessed (see `witnessedTime`). */
  readonly witnessedAt: number;
  readonly revocations: RevocationSet;
  /** Tolerance around each credential window (the witnessing clocks' error). @default 3600000 (1 h) */
  readonly skewMs?: number;
}

/**
 * Whether a record whose chain is `judged` counts when first witnessed at `witnessedAt`: every credential of the
 * chain valid then (± `skewMs`, else `expired` / `not-yet-valid`), and no link revoked from a time at or before
 * then (else `revoked`). A pure function: the same chain, time and revocations give the same standing anywhere.
 */
export function judgeStanding(judged: JudgedChain, options: JudgeStandingOptions): Standing {
  const { witnessedAt } = options;
  const window = chainWindowFailure(judged.chain, witnessedAt, options.skewMs ?? DEFAULT_CLOCK_SKEW_MS);
  if (window !== null) {
    const reason = window.code === 'expired' ? 'expired' : 'not-yet-valid';
    return { counted: false, witnessedAt, reason, message: `${window.message} (first witnessed)`, detail: window.detail ?? {} };
  }
  for (let i = 0; i < judged.chain.length; i++) {
    const revocation = options.revocations.revokedFrom(judged.chain[i]!.subject, judged.signers[i]!);
    if (revocation !== undefined && revocation.from <= witnessedAt) {
      return {
        counted: false,
        witnessedAt,
        reason: 'revoked',
        message: `credential ${i} revoked from ${revocation.from} (${revocation.reason}), first witnessed at ${witnessedAt}`,
        detail: { index: i, revocation: revocation.id, from: revocation.from, byRoot: revocation.byRoot },
      };
    }
  }
  return { counted: true, witnessedAt };
}
