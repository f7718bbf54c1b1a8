import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import { signObject } from '../envelope/sign-object.js';
import type { SignedObject } from '../envelope/signed-object.js';
import { VerificationError } from '../errors.js';
import type { KeyPair } from '../keys/key-pair.js';
import { CREDENTIAL_KIND, credentialBodySchema, type CredentialBody } from './credential-body.js';
import { failure } from './verification-failure.js';

/**
 * Signs a credential with the issuer's key: the KPU root key for `issuer` and `server` credentials, an
 * issuer's key for `operator` and `relay` credentials. Scope rules are checked when the chain is verified.
 * @throws {VerificationError} (code `'malformed'`) when `body` does not match the credential schema.
 */
export async function issueCredential(
  issuerKeyPair: KeyPair,
  body: CredentialBody,
  provider: Ed25519Provider,
): Promise<SignedObject<CredentialBody>> {
  const parsed = credentialBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VerificationError(failure('malformed', `invalid credential body: ${issue?.path.join('.')} ${issue?.message}`));
  }
  const clean: CredentialBody = {
    role: body.role,
    subject: Uint8Array.from(body.subject),
    regions: [...body.regions],
    elections: [...body.elections],
    validFrom: body.validFrom,
    validUntil: body.validUntil,
  };
  if (body.label !== undefined) clean.label = body.label;
  return signObject(CREDENTIAL_KIND, clean, issuerKeyPair, provider);
}
