import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../src/bytes/bytes-equal.js';
import { decodeCanonical } from '../../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { decodeCredential } from '../../src/credential/decode-credential.js';
import { verifyCredentialChain } from '../../src/credential/verify-credential-chain.js';
import { fuzzParams, fuzzTimeout, mutatedBytes, oddJson } from '@titip/testkit/fuzz';
import { credentials, issuerCredential, provider, root } from './fuzz-seeds.js';

/** decodeCredential never throws; a mutated credential that still decodes never verifies. */
async function checkCredential(bytes: Uint8Array): Promise<void> {
  const decoded = decodeCredential(bytes);
  if (!decoded.ok) {
    expect(decoded.failure.code).toBe('malformed');
    return;
  }
  if (credentials.some((c) => bytesEqual(c, bytes))) return;
  const asIssuer = await verifyCredentialChain([bytes], { root: root.publicKey, provider });
  const asLeaf = await verifyCredentialChain([bytes, issuerCredential.bytes], { root: root.publicKey, provider });
  expect(asIssuer.ok || asLeaf.ok).toBe(false);
}

describe('fuzz: decodeCredential', () => {
  it('mutated credentials never verify', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(credentials), checkCredential), fuzzParams(2000, 0.7, 36));
  });
  it('credential bodies with fields replaced, re-signed by nobody', { timeout: fuzzTimeout }, async () => {
    const arb = fc.tuple(fc.constantFrom(...credentials), oddJson, fc.constantFrom('role', 'subject', 'regions', 'elections', 'validFrom', 'validUntil', 'label', 'extra')).map(([seed, odd, key]) => {
      const [v, kind, body, signer, signature] = decodeCanonical(seed) as [number, string, Record<string, unknown>, Uint8Array, Uint8Array];
      const altered = { ...body };
      Object.defineProperty(altered, key, { value: odd, enumerable: true, writable: true, configurable: true });
      try {
        return encodeCanonical([v, kind, altered as never, signer, signature]);
      } catch {
        return seed;
      }
    });
    await fc.assert(fc.asyncProperty(arb, checkCredential), fuzzParams(1000, 0.3, 37));
  });
});
