import { generateKeyPair, type Ed25519Provider, type KeyPair } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';

/**
 * A fresh Ed25519 key pair for the KPU root: the one trust anchor of the network. Keep its key file offline; only
 * its public key goes into the network file.
 */
export async function createRoot(provider: Ed25519Provider = nodeEd25519): Promise<KeyPair> {
  return generateKeyPair(provider);
}

/** A fresh Ed25519 key pair for an issuer, server, relay or operator (the subject of a credential). */
export async function createKeyPair(provider: Ed25519Provider = nodeEd25519): Promise<KeyPair> {
  return generateKeyPair(provider);
}
