import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePeerKey } from '@titip/sync';

/** The libp2p key file inside a data dir, where `startNodePeer` keeps it. */
export const PEER_KEY_FILE = 'peer-key';

/**
 * The libp2p peer id of the peer whose data dir this is (from its `peer-key`), or `undefined` when the dir has no
 * readable key. Informative only (a bundle header's `source.peer`): nothing is ever trusted because of it.
 */
export async function dataDirPeerId(dataDir: string): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dataDir, PEER_KEY_FILE));
  } catch {
    return undefined;
  }
  try {
    return decodePeerKey(bytes, PEER_KEY_FILE).publicKey.toString();
  } catch {
    return undefined;
  }
}
