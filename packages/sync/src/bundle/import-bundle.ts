import { MergeRejectedError } from '../replication/errors.js';
import type { Replica } from '../replication/replica.js';
import { isInInterest } from '../replication/scope.js';
import type { BundleEntry } from './bundle-entry.js';
import type { BundleLimits } from './bundle-format.js';
import type { BundleHeader } from './bundle-header.js';
import { decodeBundle, type DecodedBundle } from './decode-bundle.js';

/** An object of a bundle that the replica's validator refused. */
export interface BundleRejection {
  readonly id: string;
  readonly docId: string;
  /** The validator's failure code, e.g. `bad-signature`, `expired`, `unoverridden-rule`, `wrong-document`. */
  readonly code: string;
  readonly message: string;
}

/** What {@link importBundle} did. */
export interface BundleImportResult {
  readonly header: BundleHeader;
  /** Objects validated and stored now. */
  readonly added: number;
  /** Objects the replica held already (importing a file twice adds nothing the second time). */
  readonly alreadyHeld: number;
  /** Objects of documents outside the replica's scopes, left alone. */
  readonly outOfScope: number;
  /** Objects the replica's validator refused; none of them was stored. */
  readonly rejected: readonly BundleRejection[];
}

/**
 * Imports a bundle file into a replica. First the whole file is checked ({@link decodeBundle}: limits, checksum,
 * structure, every object a well-formed record filed under its own document); any failure throws a
 * {@link BundleError} before anything is stored. Then, document by document, the objects of documents in the
 * replica's scopes that it does not hold yet go through `replica.addLocal` without `trusted`: the replica's own
 * validator (hash, signature, credential chain to the KPU root, election rules, document) judges each, as on the
 * network path. Objects it refuses are listed in `rejected` and never stored; every other object is stored, so one
 * object this peer refuses cannot keep the rest of an honest bundle from getting through. Stored objects are
 * announced to the replica's sessions like any local addition. Importing again is harmless (`alreadyHeld`).
 * @throws {BundleError} for a file that cannot be used; store failures propagate (objects already stored stay).
 */
export async function importBundle(replica: Replica, bytes: Uint8Array, limits: BundleLimits = {}): Promise<BundleImportResult> {
  return importDecodedBundle(replica, decodeBundle(bytes, limits));
}

/**
 * {@link importBundle} of a bundle already read with {@link decodeBundle}: for a caller that also stores its blobs
 * (photos), which the replica does not hold. Store failures propagate.
 */
export async function importDecodedBundle(replica: Replica, bundle: Pick<DecodedBundle, 'header' | 'entries'>): Promise<BundleImportResult> {
  const { header, entries } = bundle;
  const byDoc = new Map<string, BundleEntry[]>();
  for (const entry of entries) {
    const list = byDoc.get(entry.docId);
    if (list === undefined) byDoc.set(entry.docId, [entry]);
    else list.push(entry);
  }
  let added = 0;
  let alreadyHeld = 0;
  let outOfScope = 0;
  const rejected: BundleRejection[] = [];
  for (const [docId, docEntries] of byDoc) {
    if (!isInInterest(docId, replica.scopes)) {
      outOfScope += docEntries.length;
      continue;
    }
    const fresh = docEntries.filter((e) => replica.locationOf(e.id) !== docId);
    const rejectedBefore = rejected.length;
    const stored = await addJudged(replica, docId, fresh, rejected);
    added += stored;
    // whatever was neither stored nor refused was held already (before, or added meanwhile by a sync session)
    alreadyHeld += docEntries.length - stored - (rejected.length - rejectedBefore);
  }
  return { header, added, alreadyHeld, outOfScope, rejected };
}

/**
 * Adds `entries` through the replica's validator, one batch when all pass. When the validator refuses one, that one
 * is recorded, the entries before it (which passed) are retried as a batch and the rest is halved and retried, so k
 * refused objects among n cost O(k log n) validations of batches rather than O(n·k). Returns how many were stored.
 */
async function addJudged(replica: Replica, docId: string, entries: readonly BundleEntry[], rejected: BundleRejection[]): Promise<number> {
  if (entries.length === 0) return 0;
  try {
    return (await replica.addLocal(docId, entries.map(({ id, bytes }) => ({ id, bytes })))).length;
  } catch (error) {
    if (!(error instanceof MergeRejectedError)) throw error;
    const index = entries.findIndex((e) => e.id === error.rejection.objectId);
    if (index < 0) throw error;
    rejected.push({ id: entries[index]!.id, docId, ...verdictOf(error) });
    const before = entries.slice(0, index);
    const after = entries.slice(index + 1);
    const half = Math.ceil(after.length / 2);
    let stored = await addJudged(replica, docId, before, rejected);
    stored += await addJudged(replica, docId, after.slice(0, half), rejected);
    stored += await addJudged(replica, docId, after.slice(half), rejected);
    return stored;
  }
}

/** The validator's code and message from a merge rejection (`invalid-object` details read `code: message`). */
function verdictOf(error: MergeRejectedError): { code: string; message: string } {
  const { reason, detail } = error.rejection;
  if (reason === 'invalid-object') {
    const match = /^([a-z0-9-]+): ([\s\S]*)$/.exec(detail);
    if (match) return { code: match[1]!, message: match[2]! };
  }
  return { code: reason, message: detail };
}
