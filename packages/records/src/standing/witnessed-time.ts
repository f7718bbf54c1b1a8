import { chainWindowFailure } from '@titip/identity';
import { DEFAULT_CLOCK_SKEW_MS } from '../verify/verify-record.js';
import { judgeStanding, type JudgedChain } from './judge-standing.js';
import type { RevocationSet } from './revocation-set.js';

/**
 * A witness of a record: an attestation (a relay's `seenAt`) or a receipt (the server's `receivedAt`) naming it,
 * with the time this node first saw the witness itself and the witness's verified chain.
 */
export interface Witness extends JudgedChain {
  /** The time the witness claims it saw the record (ms). */
  readonly claimedAt: number;
  /** When this node first saw the witness (ms). */
  readonly firstSeen: number;
}

/** Options of {@link witnessedTime}. */
export interface WitnessedTimeOptions {
  readonly revocations: RevocationSet;
  /** @default 3600000 (1 h) */
  readonly skewMs?: number;
}

/**
 * The time of one witness's sighting, or undefined when the witness does not count: the witness itself must
 * stand when this node first saw it (credential valid, not revoked: {@link judgeStanding} at `firstSeen`). Its
 * claimed time is taken when it lies inside the witness's own credential window and before `firstSeen` (a clock
 * that is ahead changes nothing); otherwise the witness vouches only for `firstSeen`.
 */
export function witnessTime(witness: Witness, options: WitnessedTimeOptions): number | undefined {
  const own = judgeStanding(witness, { witnessedAt: witness.firstSeen, revocations: options.revocations, ...(options.skewMs !== undefined ? { skewMs: options.skewMs } : {}) });
  if (!own.counted) return undefined;
  const claimInWindow = chainWindowFailure(witness.chain, witness.claimedAt, options.skewMs ?? DEFAULT_CLOCK_SKEW_MS) === null;
  return claimInWindow ? Math.min(witness.claimedAt, witness.firstSeen) : witness.firstSeen;
}

/**
 * When a record was first witnessed: the earliest of this node's own first sight (`firstSeen`, persisted so a
 * restart does not change it) and the sightings of the witnesses that count ({@link witnessTime}). The record's
 * own claimed time (a submission's deviceTime) plays no part: it is its signer's word.
 */
export function witnessedTime(firstSeen: number, witnesses: readonly Witness[], options: WitnessedTimeOptions): number {
  let at = firstSeen;
  for (const witness of witnesses) {
    const t = witnessTime(witness, options);
    if (t !== undefined && t < at) at = t;
  }
  return at;
}
