import { dataDirProblem } from '@titip/sync/node';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobStore } from '@titip/photos';
import { scoped, StoreLockedError } from '@titip/store';
import { openNodeStore } from '@titip/store/node';
import { DataDirError } from '../errors.js';
import type { PhotoFile } from './read-photo-file.js';

/**
 * Stores the operator's own page photos in a data dir (the LevelDB store `startNodePeer` opens there, under
 * `photos/` as `startPhotos` keeps them), durably, so that a later `submit` from this data dir serves them. Own
 * photos are never evicted. Creates the data dir if missing.
 * @throws {DataDirError} when the data dir is under /proc, /sys or /dev, or in use by another process.
 */
export async function storePhotosInDataDir(dataDir: string, files: readonly PhotoFile[]): Promise<void> {
  const problem = dataDirProblem(dataDir);
  if (problem !== null) throw new DataDirError(dataDir, problem.slice(dataDir.length + 1));
  await mkdir(dataDir, { recursive: true });
  let store;
  try {
    store = await openNodeStore(join(dataDir, 'store'));
  } catch (error) {
    if (error instanceof StoreLockedError || (error as { cause?: unknown })?.cause instanceof StoreLockedError) {
      throw new DataDirError(dataDir, 'is in use by another process (another titip-operator running?)', { cause: error });
    }
    throw error;
  }
  try {
    const blobs = await BlobStore.open(scoped(store, 'photos/'));
    try {
      for (const file of files) await blobs.put(file.bytes, { type: file.ref.type, own: true });
    } finally {
      await blobs.close();
    }
  } finally {
    await store.close();
  }
}
