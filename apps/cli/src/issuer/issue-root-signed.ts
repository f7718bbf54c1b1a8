import { bytesEqual, keyId, type CredentialRole, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { IssueRefusedError } from '../errors.js';
import { checkAgainstNetwork, checkScope, publicKeyOf, type CredentialScope, type IssueChecks, type PublicKeyInput } from './credential-scope.js';
import { signAndVerify } from './sign-and-verify.js';

/** Parameters of {@link issueIssuerCredential} and {@link issueServerCredential}. */
export interface RootSignedParams extends CredentialScope, IssueChecks {}

async function issueRootSigned(role: CredentialRole, root: KeyPair, subject: PublicKeyInput, params: RootSignedParams): Promise<Uint8Array[]> {
  const provider = params.provider ?? nodeEd25519;
  const subjectKey = publicKeyOf(subject);
  const scope = checkScope(role, params);
  if (params.network !== undefined) {
    if (!bytesEqual(root.publicKey, params.network.root)) {
      throw new IssueRefusedError(
        'unknown-root',
        `${role} credentials are signed by the KPU root key ${keyId(params.network.root)}; this signer is ${keyId(root.publicKey)}`,
      );
    }
    checkAgainstNetwork(role, scope, params.network);
  }
  return signAndVerify(root, { role, subject: subjectKey, ...scope }, [], root.publicKey, provider);
}

/**
 * Signs an `issuer` credential with the KPU root key: the subject (a KPU kabupaten/kota office) may issue operator
 * and relay credentials within `regions` and `elections` during the window.
 * @returns the chain, leaf first (one credential), ready for `serialiseCredentialFile`.
 * @throws {IssueRefusedError} when the scope is invalid or (with `network`) the signer is not its root.
 */
export function issueIssuerCredential(root: KeyPair, issuerPublicKey: PublicKeyInput, params: RootSignedParams): Promise<Uint8Array[]> {
  return issueRootSigned('issuer', root, issuerPublicKey, params);
}

/**
 * Signs a `server` credential with the KPU root key: the subject (a KPU server) may sign receipts for TPS within
 * `regions` (`['']` for the nation) and `elections`.
 * @returns the chain, leaf first (one credential).
 * @throws {IssueRefusedError}
 */
export function issueServerCredential(root: KeyPair, serverPublicKey: PublicKeyInput, params: RootSignedParams): Promise<Uint8Array[]> {
  return issueRootSigned('server', root, serverPublicKey, params);
}
