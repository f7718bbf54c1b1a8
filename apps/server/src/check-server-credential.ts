import type { CredentialChain } from '@titip/config';
import { bytesEqual, toHex, verifyCredentialChain, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { ServerError } from './errors.js';

/**
 * Checks that the server can sign receipts others will accept: the credential chain is a `server` credential
 * signed by the network's root, its subject is the key pair's public key, and it is valid at `now`.
 * @throws {ServerError} `SERVER_CREDENTIAL_INVALID` or `SERVER_KEY_MISMATCH`.
 */
export async function checkServerCredential(
  credential: CredentialChain,
  keyPair: KeyPair,
  root: Uint8Array,
  provider: Ed25519Provider,
  now: number,
): Promise<void> {
  const verified = await verifyCredentialChain(credential.chain, { root, provider, role: 'server' });
  if (!verified.ok) {
    throw new ServerError('SERVER_CREDENTIAL_INVALID', `the server credential does not verify against the network root: ${verified.failure.code}: ${verified.failure.message}`);
  }
  if (!bytesEqual(verified.leaf.subject, keyPair.publicKey)) {
    throw new ServerError(
      'SERVER_KEY_MISMATCH',
      `the server key ${toHex(keyPair.publicKey).slice(0, 16)}… is not the subject of the server credential (${toHex(verified.leaf.subject).slice(0, 16)}…)`,
    );
  }
  const { validFrom, validUntil } = verified.leaf;
  if (now < validFrom || now >= validUntil) {
    throw new ServerError(
      'SERVER_CREDENTIAL_INVALID',
      `the server credential is valid from ${new Date(validFrom).toISOString()} until ${new Date(validUntil).toISOString()}, not now (${new Date(now).toISOString()})`,
    );
  }
}
