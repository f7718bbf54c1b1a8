import type { CredentialBody } from '@titip/identity';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What to tell an operator whose device clock lies outside the operator credential's window (beyond `skewMs`), or
 * null when it is inside. Signing goes ahead either way: the network judges a credential at the time a relay or the
 * server first witnesses the result (docs/credentials-over-time.md), never at the device's clock, so a phone whose
 * clock is wrong still delivers a valid result, and a truly expired credential gains nothing from signing.
 */
export function deviceClockWarning(credential: Pick<CredentialBody, 'validFrom' | 'validUntil'>, deviceTime: number, skewMs: number): string | null {
  if (deviceTime < credential.validFrom - skewMs) {
    return (
      `the device clock (${iso(deviceTime)}) is before the operator credential's window (from ${iso(credential.validFrom)}): ` +
      'signed anyway; if the clock is wrong, correct it; the result counts if a relay or the server first sees it inside the window'
    );
  }
  if (deviceTime >= credential.validUntil + skewMs) {
    return (
      `the device clock (${iso(deviceTime)}) is after the operator credential's window (until ${iso(credential.validUntil)}): ` +
      'signed anyway; if the clock is right, the result will be held as not counted (credential expired): ask the issuer for a new credential'
    );
  }
  return null;
}
