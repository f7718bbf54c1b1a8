import { join } from 'node:path';
import { toHex } from '@titip/identity';
import { openNodeStore } from '@titip/store/node';
import { Replica, type ObjectValidator } from '@titip/sync';

/** What one peer's data directory holds of one document, read back from disk. */
export interface StoredDocument {
  /** Hex digest of the document's heads (the sync digest over this one document); null when it is not held. */
  readonly digest: string | null;
  /** Ids of the objects in it. */
  readonly objects: string[];
}

/** Nothing is added to a replica opened for reading. */
const refuseAll: ObjectValidator = {
  validate: async (entries) => entries.map(() => ({ ok: false as const, code: 'read-only', message: 'opened for the audit only' })),
};

/**
 * Opens the store of a stopped peer (`<dataDir>/store`, as `startNodePeer` lays it out) and reads, per document
 * asked for, its digest and object ids: what the peer would offer after a restart. The store is closed again.
 */
export async function readStoredDocuments(dataDir: string, docIds: readonly string[]): Promise<Map<string, StoredDocument>> {
  const store = await openNodeStore(join(dataDir, 'store'));
  try {
    const replica = await Replica.open({ store, scopes: [''], validator: refuseAll, durableWrites: false });
    const held = new Set(replica.docIds());
    return new Map(
      docIds.map((docId) => [
        docId,
        held.has(docId) && replica.heads(docId).length > 0
          ? { digest: toHex(replica.digest((d) => d === docId)), objects: replica.objectIdsIn(docId) }
          : { digest: null, objects: [] },
      ]),
    );
  } finally {
    await store.close();
  }
}
