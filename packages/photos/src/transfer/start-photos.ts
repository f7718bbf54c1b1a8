import { scoped, type KeyValueStore } from '@titip/store';
import { BlobStore, type BlobStoreOptions } from '../store/blob-store.js';
import { PhotoTransfer, type PhotoTransferOptions } from './photo-transfer.js';

/** Options of {@link startPhotos}. */
export interface StartPhotosOptions extends Omit<PhotoTransferOptions, 'blobs'> {
  /** The peer's key-value store (e.g. `RunningNodePeer.store`); photos are kept under `prefix`. */
  readonly store: KeyValueStore;
  /** Key prefix of the photos in `store`. @default 'photos/' */
  readonly prefix?: string;
  /** Options of the blob store (budget for others' photos, fsync of chunks). */
  readonly blobs?: BlobStoreOptions;
}

/** A running photo store and transfer. */
export interface RunningPhotos {
  readonly blobs: BlobStore;
  readonly transfer: PhotoTransfer;
  /** Stops the transfer and closes the blob store (call it before stopping the peer). */
  stop(): Promise<void>;
}

/**
 * Adds photos to a running Titip peer: a {@link BlobStore} in the peer's own store (under `photos/`, next to the
 * replica's documents, so one directory holds everything) and a {@link PhotoTransfer} on its libp2p node. This is
 * what the relay, the server and the field app call once their peer is up.
 */
export async function startPhotos(options: StartPhotosOptions): Promise<RunningPhotos> {
  const { store, prefix, blobs: blobOptions, ...transferOptions } = options;
  const blobs = await BlobStore.open(scoped(store, prefix ?? 'photos/'), { ...(options.logger ? { logger: options.logger } : {}), ...blobOptions });
  let transfer: PhotoTransfer;
  try {
    transfer = await PhotoTransfer.start({ ...transferOptions, blobs });
  } catch (error) {
    await blobs.close();
    throw error;
  }
  let stopped = false;
  return {
    blobs,
    transfer,
    async stop() {
      if (stopped) return;
      stopped = true;
      await transfer.stop();
      await blobs.close();
    },
  };
}
