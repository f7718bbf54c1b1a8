import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { PeerKeyInvalidError } from './errors.js';

/** A new Ed25519 libp2p identity key. */
export async function generatePeerKey(): Promise<PrivateKey> {
  return generateKeyPair('Ed25519');
}

/** The libp2p private key protobuf of `key`: the bytes to persist (file, IndexedDB) to keep the same peer id. */
export function encodePeerKey(key: PrivateKey): Uint8Array {
  return privateKeyToProtobuf(key);
}

/** Reads a libp2p private key protobuf; throws `PeerKeyInvalidError` for anything else. */
export function decodePeerKey(bytes: Uint8Array, source = 'bytes'): PrivateKey {
  try {
    return privateKeyFromProtobuf(bytes);
  } catch (error) {
    throw new PeerKeyInvalidError(source, { cause: error });
  }
}
