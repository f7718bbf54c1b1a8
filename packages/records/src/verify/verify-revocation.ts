import {
  bytesEqual,
  decodeCredential,
  failure,
  regionWithin,
  verifyCredentialChain,
  verifySignature,
  type CredentialBody,
  type CredentialCache,
  type Ed25519Provider,
} from '@titip/identity';
import type { RecordFailure } from '../record/record-failure.js';
import type { RevocationRecord } from '../record/titip-record.js';

/** What {@link verifyRevocation} needs. */
export interface VerifyRevocationOptions {
  root: Uint8Array;
  provider: Ed25519Provider;
  cache?: CredentialCache;
}

/** A verified revocation: the credential revoked (decoded), who signed it, and the signer's leaf credential (`null`: the root). */
export type RevocationVerification =
  | { ok: true; revoked: CredentialBody; revokedSigner: Uint8Array; credential: CredentialBody | null }
  | { ok: false; failure: RecordFailure };

const no = (code: RecordFailure['code'], message: string, detail?: Record<string, unknown>): RevocationVerification => ({
  ok: false,
  failure: failure(code, message, detail),
});

/**
 * The checks specific to a revocation whose own signature is valid: the revoked credential decodes and is
 * correctly signed; the revocation is signed by the root key (with no chain) or by the issuer that signed the
 * revoked credential (an issuer chain to the root whose leaf subject is the signer); its desa overlaps the
 * revoked credential's regions. No time is checked (see docs/credentials-over-time.md: time is judged when
 * records are counted, not when they are admitted). Failures: `malformed`/`bad-signature` (of the revoked
 * credential, `detail.revoked`), `revocation-not-allowed`, chain failures, `outside-region`.
 */
export async function verifyRevocation(record: RevocationRecord, options: VerifyRevocationOptions): Promise<RevocationVerification> {
  const decoded = decodeCredential(record.body.revoked);
  if (!decoded.ok) return { ok: false, failure: { ...decoded.failure, detail: { ...decoded.failure.detail, revoked: true } } };
  const revoked = decoded.obj;
  if (!(await verifySignature(revoked, options.provider))) {
    return no('bad-signature', 'the revoked credential has an invalid signature', { revoked: true });
  }
  let credential: CredentialBody | null = null;
  if (bytesEqual(record.signer, options.root)) {
    if (record.body.credentials.length > 0) return no('chain-broken', 'a revocation signed by the root key carries no credential chain');
  } else {
    if (!bytesEqual(record.signer, revoked.signer)) {
      return no('revocation-not-allowed', 'only the issuer that signed a credential, or the root key, may revoke it');
    }
    if (record.body.credentials.length === 0) return no('chain-broken', 'a revocation not signed by the root key needs its signer\'s issuer chain');
    const chain = await verifyCredentialChain(record.body.credentials, {
      root: options.root,
      provider: options.provider,
      role: 'issuer',
      ...(options.cache ? { cache: options.cache } : {}),
    });
    if (!chain.ok) return { ok: false, failure: chain.failure };
    if (!bytesEqual(record.signer, chain.leaf.subject)) return no('signer-mismatch', 'revocation is not signed by the subject of its credential');
    credential = chain.leaf;
  }
  const region = record.body.region;
  if (!revoked.body.regions.some((r) => regionWithin(region, r) || regionWithin(r, region))) {
    return no('outside-region', `desa ${region} does not overlap the revoked credential's regions`, { region, regions: revoked.body.regions });
  }
  return { ok: true, revoked: revoked.body, revokedSigner: revoked.signer, credential };
}
