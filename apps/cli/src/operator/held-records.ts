import { decodeRecord, MalformedRecordError, type TitipRecord } from '@titip/records';
import type { Replica } from '@titip/sync';

/**
 * The records a replica holds, decoded: those of one document, or of every document when `docId` is absent.
 * Objects that do not decode are skipped (a replica with the record validator holds none).
 */
export function* heldRecords(replica: Pick<Replica, 'doc' | 'docIds'>, docId?: string): Iterable<TitipRecord> {
  const docIds = docId === undefined ? replica.docIds() : [docId];
  for (const id of docIds) {
    const doc = replica.doc(id);
    if (doc === undefined) continue;
    for (const bytes of Object.values(doc)) {
      const record = decodeOrUndefined(bytes);
      if (record !== undefined) yield record;
    }
  }
}

/** Decodes a record, or `undefined` when the bytes are not one. */
export function decodeOrUndefined(bytes: Uint8Array): TitipRecord | undefined {
  try {
    return decodeRecord(bytes);
  } catch (error) {
    if (error instanceof MalformedRecordError) return undefined;
    throw error;
  }
}
