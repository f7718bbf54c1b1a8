import type { Ed25519Provider, VerifyBytes } from '../crypto/ed25519-provider.js';
import { createOpensslEd25519, createOpensslVerify } from './openssl-ed25519.js';
import { createSodiumEd25519, createSodiumVerify, loadSodium } from './sodium-ed25519.js';

/** Which native library the Node provider runs on. */
export type NodeEd25519Backend = 'libsodium' | 'openssl';

/** The library {@link createNodeEd25519} uses here: libsodium when its addon loads, else OpenSSL. */
export function nodeEd25519Backend(): NodeEd25519Backend {
  return loadSodium() === null ? 'openssl' : 'libsodium';
}

/**
 * Creates the Node-native Ed25519 provider: libsodium (`createSodiumEd25519`) where its prebuilt addon loads,
 * else OpenSSL through `node:crypto` (`createOpensslEd25519`). Both give identical signatures and the same verdicts
 * as `nobleEd25519`.
 * @param maxCachedPublicKeys - bound of the OpenSSL provider's public-key cache (libsodium needs none). @default 4096
 */
export function createNodeEd25519(maxCachedPublicKeys = 4096): Ed25519Provider {
  return nodeEd25519Backend() === 'libsodium' ? createSodiumEd25519() : createOpensslEd25519(maxCachedPublicKeys);
}

/** The synchronous verification of {@link createNodeEd25519} (for worker threads' loops): same verdicts. */
export function createNodeVerify(maxCachedPublicKeys = 4096): VerifyBytes {
  return nodeEd25519Backend() === 'libsodium' ? createSodiumVerify() : createOpensslVerify(maxCachedPublicKeys);
}

/** The shared Node-native Ed25519 provider. */
export const nodeEd25519: Ed25519Provider = createNodeEd25519();
