import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PrivateKey } from '@libp2p/interface';
import { PeerKeyInvalidError } from './errors.js';
import { decodePeerKey, encodePeerKey, generatePeerKey } from './peer-key.js';

/**
 * The persistent identity of a Node peer: reads the libp2p private key protobuf in `file`, or creates an Ed25519
 * key and stores it there (mode 0600, written to a temporary file, synced, then linked into place so a crash never
 * leaves half a key and two processes racing agree on one). An unreadable or corrupt file throws
 * `PeerKeyInvalidError`; it is never replaced, since that would change the peer id. Node only.
 */
export async function loadOrCreatePeerKey(file: string): Promise<PrivateKey> {
  const existing = await readIfExists(file);
  if (existing !== undefined) return decodePeerKey(existing, file);
  const key = await generatePeerKey();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(encodePeerKey(key));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process created it first: use theirs.
    return decodePeerKey(await readFile(file), file);
  } finally {
    await unlink(temporary);
  }
  return key;
}

async function readIfExists(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PeerKeyInvalidError(file, { cause: error });
  }
}
