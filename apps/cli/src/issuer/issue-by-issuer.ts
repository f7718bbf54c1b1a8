import type { CredentialChain } from '@titip/config';
import {
  bytesEqual,
  decodeCredential,
  keyId,
  regionWithinAny,
  verifyCredentialChain,
  type CredentialBody,
  type CredentialRole,
  type KeyPair,
} from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { IssueRefusedError } from '../errors.js';
import { checkAgainstNetwork, checkScope, publicKeyOf, type CheckedScope, type CredentialScope, type IssueChecks, type PublicKeyInput } from './credential-scope.js';
import { signAndVerify } from './sign-and-verify.js';

/** A credential chain as envelopes (leaf first) or as read from a credential file. */
export type ChainInput = readonly Uint8Array[] | CredentialChain;

/** The envelopes of a {@link ChainInput}. */
export function chainBytes(input: ChainInput): Uint8Array[] {
  return Array.isArray(input) ? [...(input as readonly Uint8Array[])] : [...(input as CredentialChain).chain];
}

/** Parameters of {@link issueOperatorCredential}: the TPS codes instead of regions. */
export interface OperatorCredentialParams extends Omit<CredentialScope, 'regions'>, IssueChecks {
  /** The TPS codes (13 digits) the operator may sign results for. */
  readonly tps: readonly string[];
}

/** Parameters of {@link issueRelayCredential}. */
export interface RelayCredentialParams extends CredentialScope, IssueChecks {}

async function openIssuerChain(issuerChain: ChainInput, params: IssueChecks): Promise<{ chain: Uint8Array[]; leaf: CredentialBody; root: Uint8Array }> {
  const chain = chainBytes(issuerChain);
  if (chain.length === 0) throw new IssueRefusedError('issuer-chain-invalid', 'the issuer credential chain is empty');
  const last = decodeCredential(chain[chain.length - 1]);
  if (!last.ok) throw new IssueRefusedError('issuer-chain-invalid', `the issuer credential does not decode: ${last.failure.message}`);
  const root = params.network?.root ?? last.obj.signer;
  const verified = await verifyCredentialChain(chain, { root, provider: params.provider ?? nodeEd25519 });
  if (!verified.ok) {
    const reason = verified.failure.code === 'unknown-root' ? 'unknown-root' : 'issuer-chain-invalid';
    throw new IssueRefusedError(reason, `the signer's credential does not verify: ${verified.failure.message}`);
  }
  if (verified.leaf.role !== 'issuer') {
    throw new IssueRefusedError('wrong-role', `the signer's credential is ${/^[aeiou]/.test(verified.leaf.role) ? 'an' : 'a'} ${verified.leaf.role} credential; only an issuer credential may sign operator and relay credentials`);
  }
  return { chain, leaf: verified.leaf, root };
}

function checkWithinIssuer(scope: CheckedScope, issuer: CredentialBody): void {
  const outside = scope.regions.filter((r) => !regionWithinAny(r, issuer.regions));
  if (outside.length > 0) {
    throw new IssueRefusedError('outside-region', `region ${outside.join(', ')} is outside the issuer's regions ${issuer.regions.map((r) => r || "''").join(', ')}`);
  }
  const notAllowed = scope.elections.filter((e) => !issuer.elections.includes(e));
  if (notAllowed.length > 0) {
    throw new IssueRefusedError('election-not-allowed', `election ${notAllowed.join(', ')} is not in the issuer's elections ${issuer.elections.join(', ')}`);
  }
  if (scope.validFrom < issuer.validFrom || scope.validUntil > issuer.validUntil) {
    const iso = (ms: number) => new Date(ms).toISOString();
    throw new IssueRefusedError(
      'window-outside-issuer',
      `the window ${iso(scope.validFrom)} – ${iso(scope.validUntil)} is not inside the issuer's ${iso(issuer.validFrom)} – ${iso(issuer.validUntil)}`,
    );
  }
}

async function issueByIssuer(
  role: CredentialRole,
  issuerKeyPair: KeyPair,
  issuerChain: ChainInput,
  subject: PublicKeyInput,
  scopeInput: CredentialScope,
  params: IssueChecks,
): Promise<Uint8Array[]> {
  const provider = params.provider ?? nodeEd25519;
  const subjectKey = publicKeyOf(subject);
  const scope = checkScope(role, scopeInput);
  const issuer = await openIssuerChain(issuerChain, params);
  if (!bytesEqual(issuerKeyPair.publicKey, issuer.leaf.subject)) {
    throw new IssueRefusedError(
      'wrong-signer',
      `the signer key ${keyId(issuerKeyPair.publicKey)} is not the subject ${keyId(issuer.leaf.subject)} of the issuer credential`,
    );
  }
  checkWithinIssuer(scope, issuer.leaf);
  if (params.network !== undefined) checkAgainstNetwork(role, scope, params.network);
  return signAndVerify(issuerKeyPair, { role, subject: subjectKey, ...scope }, issuer.chain, issuer.root, provider);
}

/**
 * Signs an `operator` credential with an issuer's key: the subject (a KPPS operator's device) may sign C.Hasil
 * submissions for `tps` and `elections` during the window. Refused unless the result verifies: TPS within the
 * issuer's regions, elections among the issuer's, window inside the issuer's, signer = the issuer credential's subject.
 * @param issuerChain - the issuer's own chain (its root-signed issuer credential).
 * @returns the chain, leaf first: `[operator, issuer]`, ready for `serialiseCredentialFile`.
 * @throws {IssueRefusedError}
 */
export function issueOperatorCredential(
  issuerKeyPair: KeyPair,
  issuerChain: ChainInput,
  operatorPublicKey: PublicKeyInput,
  params: OperatorCredentialParams,
): Promise<Uint8Array[]> {
  const { tps, ...rest } = params;
  return issueByIssuer('operator', issuerKeyPair, issuerChain, operatorPublicKey, { ...rest, regions: tps }, params);
}

/**
 * Signs a `relay` credential with an issuer's key: the subject (a PPS/PPK laptop) may sign attestations for
 * `regions` (desa or kecamatan codes) and `elections`. Same refusals as {@link issueOperatorCredential}.
 * @returns the chain, leaf first: `[relay, issuer]`.
 * @throws {IssueRefusedError}
 */
export function issueRelayCredential(
  issuerKeyPair: KeyPair,
  issuerChain: ChainInput,
  relayPublicKey: PublicKeyInput,
  params: RelayCredentialParams,
): Promise<Uint8Array[]> {
  return issueByIssuer('relay', issuerKeyPair, issuerChain, relayPublicKey, params, params);
}
