import { issueCredential, verifyCredentialChain, VerificationError, type CredentialBody, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { IssueRefusedError, type IssueRefusalReason } from '../errors.js';
import type { CheckedScope } from './credential-scope.js';

const REASONS: ReadonlySet<string> = new Set(['outside-region', 'election-not-allowed', 'window-outside-issuer', 'wrong-role', 'unknown-root']);

/**
 * Signs the credential and verifies the whole chain it makes (leaf first, `parent` after it) against `root`: a chain
 * that would not verify is never handed out. The scope checks before this one give the clearer messages; this is the
 * final guarantee.
 * @throws {IssueRefusedError}
 */
export async function signAndVerify(
  signer: KeyPair,
  body: Omit<CredentialBody, keyof CheckedScope> & CheckedScope,
  parent: readonly Uint8Array[],
  root: Uint8Array,
  provider: Ed25519Provider,
): Promise<Uint8Array[]> {
  let signed;
  try {
    signed = await issueCredential(signer, body, provider);
  } catch (error) {
    if (error instanceof VerificationError) throw new IssueRefusedError('invalid-input', error.message, { cause: error });
    throw error;
  }
  const chain = [signed.bytes, ...parent];
  const verified = await verifyCredentialChain(chain, { root, provider, role: body.role });
  if (!verified.ok) {
    const reason = (REASONS.has(verified.failure.code) ? verified.failure.code : 'issuer-chain-invalid') as IssueRefusalReason;
    throw new IssueRefusedError(reason, `the credential would not verify: ${verified.failure.message}`);
  }
  return chain;
}
