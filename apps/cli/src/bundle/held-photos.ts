import { BlobStore, PhotoCatalog } from '@titip/photos';
import { decodeRecord } from '@titip/records';
import { scoped, type KeyValueStore } from '@titip/store';
import { isInInterest, type Replica } from '@titip/sync';

/** Key prefix of the photos in a data dir's store, where `startPhotos` (titip-relay, titip-server, titip-operator) keeps them. */
export const PHOTOS_PREFIX = 'photos/';

/** The photo store of a stopped peer's data dir (its `store/`, under `photos/`), as the peer itself opens it. No budget: the peer applies its own when it starts. */
export function openDataDirPhotos(store: KeyValueStore): Promise<BlobStore> {
  return BlobStore.open(scoped(store, PHOTOS_PREFIX));
}

/**
 * The photos the submissions a replica holds in `regions` reference: their signed hash, size and type, and the age
 * of the oldest submission naming each (the network's priority). Every held object passed the replica's validator
 * when it was stored, so these references are signed ones.
 */
export function heldPhotoCatalog(replica: Pick<Replica, 'docIds' | 'objectIdsIn' | 'object'>, regions: readonly string[] = ['']): PhotoCatalog {
  const catalog = new PhotoCatalog();
  for (const docId of replica.docIds()) {
    if (!isInInterest(docId, regions)) continue;
    for (const id of replica.objectIdsIn(docId)) {
      const bytes = replica.object(id);
      if (bytes === undefined) continue;
      const record = decodeRecord(bytes);
      if (record.kind === 'submission' && record.body.photos.length > 0) catalog.add(record);
    }
  }
  return catalog;
}
