import { desaOfTps } from '@titip/election';
import type { TitipRecord } from './record/titip-record.js';

/** Document ids already known for records whose body is decoded lazily (see the worker validator). */
const known = new WeakMap<object, string>();

/**
 * The regional document a record lives in: the desa code (10 digits) of its TPS. Submissions, receipts and
 * attestations of one TPS all land in the same document, so a reconnect syncs one desa at a time; a revocation
 * lives in the region it names (`body.region`: a desa, or an ancestor region whose document every peer below holds).
 */
export function docIdOf(record: Pick<TitipRecord, 'body'>): string {
  const known_ = known.get(record);
  if (known_ !== undefined) return known_;
  const body = record.body;
  return 'tps' in body ? desaOfTps(body.tps) : body.region;
}

/**
 * Records the document id of a record whose body is not decoded yet, so {@link docIdOf} does not decode it;
 * `null` forgets it (the body was replaced). Internal.
 */
export function rememberDocId(record: object, docId: string | null): void {
  if (docId === null) known.delete(record);
  else known.set(record, docId);
}
