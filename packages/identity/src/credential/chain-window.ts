import type { CredentialBody } from './credential-body.js';
import { failure, type VerificationFailure } from './verification-failure.js';

/**
 * Checks that every credential of an already verified chain (leaf first) is valid at `at`, with `skewMs` of
 * tolerance on both sides of each window: `not-yet-valid` or `expired` naming the first credential that is not
 * (`detail.index`, `detail.at`), or `null`. A pure function of the bodies, so a chain verified once (e.g. when an
 * object is admitted) can be judged at any later-known time (e.g. the time the object was first witnessed).
 */
export function chainWindowFailure(chain: readonly Pick<CredentialBody, 'validFrom' | 'validUntil'>[], at: number, skewMs = 0): VerificationFailure | null {
  for (let i = 0; i < chain.length; i++) {
    const { validFrom, validUntil } = chain[i]!;
    if (at < validFrom - skewMs) return failure('not-yet-valid', `credential ${i} is valid from ${validFrom}, checked at ${at}`, { index: i, at, validFrom });
    if (at >= validUntil + skewMs) return failure('expired', `credential ${i} expired at ${validUntil}, checked at ${at}`, { index: i, at, validUntil });
  }
  return null;
}
