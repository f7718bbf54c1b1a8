import { bytesEqual, decodeCredential, keyId, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createRevocation, InvalidRecordInputError, verifyRecord, type RevocationRecord } from '@titip/records';
import { IssueRefusedError, type IssueRefusalReason } from '../errors.js';
import { chainBytes, type ChainInput } from './issue-by-issuer.js';
import { revocationRegionsOf } from './revocation-regions.js';
import { toTimeMs, type TimeInput } from './time-input.js';

/** Parameters of {@link signRevocations}. */
export interface RevocationParams {
  /** The signer: the root key, or the issuer key that signed the revoked credential. */
  readonly signer: KeyPair;
  /** The issuer's own credential chain; absent when the root key signs. */
  readonly signerChain?: ChainInput;
  /** The credential revoked (its chain, leaf first, as in its credential file): its leaf is revoked. */
  readonly revoked: ChainInput;
  /** The network's root key. */
  readonly root: Uint8Array;
  /** Revoked from (inclusive). */
  readonly from: TimeInput;
  /** Why, as shown in the TPS view (1–200 characters). */
  readonly reason: string;
  /** The regions whose documents get a revocation. @default derived from the credential (see `revocationRegionsOf`) */
  readonly regions?: readonly string[];
  /** The signer's clock. @default Date.now() */
  readonly issuedAt?: TimeInput;
  readonly provider?: Ed25519Provider;
}

const REASONS: ReadonlySet<string> = new Set(['revocation-not-allowed', 'outside-region', 'unknown-root', 'wrong-role']);

/**
 * Signs the revocation of a credential, one per region document it must reach, and verifies each as every peer will:
 * nothing is handed out that peers would refuse. The root key may revoke any credential; an issuer only those it
 * signed (its own credential chain is embedded).
 * @throws {IssueRefusedError} `wrong-signer` (an issuer key that did not sign the credential, or whose credential is
 *   not its own), `region-needed` (a nation-wide credential: name the regions), `outside-region`, `invalid-input`, or
 *   what verification says.
 */
export async function signRevocations(params: RevocationParams): Promise<RevocationRecord[]> {
  const provider = params.provider ?? nodeEd25519;
  const revokedChain = chainBytes(params.revoked);
  const leaf = revokedChain.length > 0 ? decodeCredential(revokedChain[0]) : undefined;
  if (leaf === undefined || !leaf.ok) throw new IssueRefusedError('invalid-input', `the credential to revoke does not decode${leaf && !leaf.ok ? `: ${leaf.failure.message}` : ''}`);
  const byRoot = bytesEqual(params.signer.publicKey, params.root);
  const signerChain = params.signerChain === undefined ? [] : chainBytes(params.signerChain);
  if (byRoot && signerChain.length > 0) throw new IssueRefusedError('invalid-input', 'the root key revokes alone: no signer credential');
  if (!byRoot) {
    if (signerChain.length === 0) throw new IssueRefusedError('invalid-input', "an issuer revokes with its own credential file (or sign with the root key)");
    if (!bytesEqual(leaf.obj.signer, params.signer.publicKey)) {
      throw new IssueRefusedError(
        'wrong-signer',
        `the credential was signed by ${keyId(leaf.obj.signer)}, not by ${keyId(params.signer.publicKey)}: only its issuer or the root key may revoke it`,
      );
    }
  }
  const regions = params.regions ?? revocationRegionsOf(leaf.obj.body.regions);
  if (regions === null || regions.length === 0) {
    throw new IssueRefusedError('region-needed', 'the credential covers the whole nation: name the provinsi or kabupaten documents to file the revocation in');
  }
  const from = toTimeMs(params.from, 'from');
  const issuedAt = params.issuedAt === undefined ? Date.now() : toTimeMs(params.issuedAt, 'issuedAt');
  const out: RevocationRecord[] = [];
  for (const region of regions) {
    let record: RevocationRecord;
    try {
      record = await createRevocation({ keyPair: params.signer, credentials: signerChain, revoked: revokedChain[0]!, from, region, reason: params.reason, issuedAt }, provider);
    } catch (error) {
      if (error instanceof InvalidRecordInputError) throw new IssueRefusedError('invalid-input', error.message, { cause: error });
      throw error;
    }
    const verified = await verifyRecord(record, { root: params.root, provider });
    if (!verified.ok) {
      const code = verified.failure.code;
      const reason = (REASONS.has(code) ? code : code === 'signer-mismatch' ? 'wrong-signer' : 'issuer-chain-invalid') as IssueRefusalReason;
      throw new IssueRefusedError(reason, `the revocation would not verify: ${verified.failure.message}`);
    }
    out.push(record);
  }
  return out;
}
