import * as A from '@automerge/automerge';
import { receiveSyncMessage, type DocBackend } from './automerge-backend.js';
import { MergeRejectedError, type MergeRejection } from './errors.js';
import type { ObjectEntry, ObjectValidator } from './object-validator.js';
import { forkOf, objectIdsOf, objectOf } from './region-backend.js';
import type { RegionDoc } from './region-document.js';

/** The outcome of a remote sync message that passed the validating merge. */
export interface AcceptedMerge {
  /**
   * The document with the remote changes applied. The input document is left untouched when the message carries
   * changes; a message without changes is received on the input document itself (its content cannot change, but
   * the input object is then outdated for `A.change`): continue with this one.
   */
  readonly doc: RegionDoc;
  /** The sync state after receiving the message. */
  readonly syncState: A.SyncState;
  /** The objects the message added, each validated. */
  readonly added: ObjectEntry[];
}

/** The outcome of {@link mergeRemoteSyncMessage}: as {@link AcceptedMerge}, on a document backend. */
export interface AcceptedBackendMerge {
  /** A fork of the input backend with the changes applied when the message carried changes, else the input itself. */
  readonly backend: DocBackend;
  readonly syncState: A.SyncState;
  readonly added: ObjectEntry[];
}

/** Options of {@link validateRemoteSyncMessage}. */
export interface ValidateMergeOptions {
  /** Largest object accepted. */
  readonly maxObjectBytes: number;
}

/**
 * The validating merge. Applies a remote Automerge sync message to a clone of `doc` (to `doc` itself when the message
 * carries no changes, since then nothing can change), reads every put and delete it would make with `A.diff`, and
 * accepts it only if it is purely the addition of new objects, each stored under its own hash, well-formed, correctly
 * signed and belonging to this document. Otherwise throws {@link MergeRejectedError}: the caller keeps its document
 * and sync state as they were. The replica runs the same checks on document backends ({@link mergeRemoteSyncMessage}).
 */
export async function validateRemoteSyncMessage(
  docId: string,
  doc: RegionDoc,
  syncState: A.SyncState,
  message: Uint8Array,
  validator: ObjectValidator,
  options: ValidateMergeOptions,
): Promise<AcceptedMerge> {
  const carriesChanges = changesCarried(docId, message);
  const before = A.getHeads(doc);
  let candidate: RegionDoc;
  let nextState: A.SyncState;
  try {
    [candidate, nextState] = A.receiveSyncMessage(carriesChanges ? A.clone(doc) : doc, syncState, message);
  } catch (error) {
    return refuseUndecodable(docId, error);
  }
  const added = await judgeMerge(docId, A.getBackend(doc), A.getBackend(candidate), before, validator, options);
  return { doc: candidate, syncState: nextState, added };
}

/**
 * {@link validateRemoteSyncMessage} on a document backend (what the replica holds): a message carrying changes is
 * received on a fork of `backend`, which is returned when accepted; `backend` itself never changes then. A message
 * without changes is received on `backend` (only the sync state moves). Throws {@link MergeRejectedError}.
 */
export async function mergeRemoteSyncMessage(
  docId: string,
  backend: DocBackend,
  syncState: A.SyncState,
  message: Uint8Array,
  validator: ObjectValidator,
  options: ValidateMergeOptions,
): Promise<AcceptedBackendMerge> {
  const candidate = changesCarried(docId, message) ? forkOf(backend) : backend;
  const before = backend.getHeads();
  let nextState: A.SyncState;
  try {
    nextState = receiveSyncMessage(candidate, syncState, message);
  } catch (error) {
    return refuseUndecodable(docId, error);
  }
  const added = await judgeMerge(docId, backend, candidate, before, validator, options);
  return { backend: candidate, syncState: nextState, added };
}

/** Whether a sync message carries changes (a message without any cannot change the document). */
function changesCarried(docId: string, message: Uint8Array): boolean {
  try {
    return A.decodeSyncMessage(message).changes.length > 0;
  } catch (error) {
    return refuseUndecodable(docId, error);
  }
}

function refuseUndecodable(docId: string, error: unknown): never {
  throw new MergeRejectedError(docId, { reason: 'undecodable', detail: `Automerge refused the message: ${(error as Error).message}` });
}

/**
 * The checks of the validating merge, on the document before (`held`) and after (`candidate`) receiving a message:
 * every patch from `before` to the candidate's heads must be a top-level put of a byte string under a key not yet
 * held (or the very bytes held), within the size limit, every held key must survive, and every new object must pass
 * the validator and belong in `docId`. Returns the new objects (with what the validator decoded).
 */
async function judgeMerge(
  docId: string,
  held: DocBackend,
  candidate: DocBackend,
  before: A.Heads,
  validator: ObjectValidator,
  options: ValidateMergeOptions,
): Promise<ObjectEntry[]> {
  const reject = (rejection: MergeRejection): never => {
    throw new MergeRejectedError(docId, rejection);
  };
  const after = candidate.getHeads();
  const added: ObjectEntry[] = [];
  if (sameHeads(before, after)) return added;
  const heldIds = new Set(objectIdsOf(held));
  const patches = candidate.diff(before, after);
  // New history that changes nothing (an empty change) would only make this peer store what a stranger made up.
  if (patches.length === 0) reject({ reason: 'empty-change', detail: 'changes that add no object' });
  const seen = new Set<string>();
  for (const patch of patches) {
    const key = patch.path[0];
    if (patch.path.length !== 1 || typeof key !== 'string') {
      reject({ reason: 'nested-path', detail: `change below the top level at ${JSON.stringify(patch.path)}` });
    }
    const id = key as string;
    let value: unknown;
    if (patch.action === 'put') value = (patch as { value: unknown }).value;
    else if (patch.action === 'conflict') value = agreedValue(candidate, id, reject);
    else reject({ reason: patch.action === 'del' ? 'delete' : 'not-a-put', objectId: id, detail: `${patch.action} of ${id}` });
    if (!(value instanceof Uint8Array)) reject({ reason: 'not-bytes', objectId: id, detail: `value of ${id} is not a byte string` });
    const bytes = value as Uint8Array;
    if (heldIds.has(id)) {
      // A concurrent put of the very same object is harmless; any other value is an overwrite.
      if (!equalBytes(objectOf(held, id), bytes)) reject({ reason: 'overwrite', objectId: id, detail: `existing object ${id} replaced` });
      checkCopies(candidate, id, reject);
      continue;
    }
    if (bytes.byteLength > options.maxObjectBytes) {
      reject({ reason: 'oversized', objectId: id, detail: `${bytes.byteLength} bytes > ${options.maxObjectBytes}` });
    }
    if (seen.has(id)) continue;
    seen.add(id);
    added.push({ id, bytes });
  }
  // The diff shows the net effect; make sure every key of the old document survives (no deletion hidden by order).
  const kept = new Set(objectIdsOf(candidate));
  for (const id of heldIds) {
    if (!kept.has(id)) reject({ reason: 'delete', objectId: id, detail: `object ${id} removed` });
  }
  if (added.length > 0) {
    const verdicts = await validator.validate(added);
    verdicts.forEach((verdict, i) => {
      const entry = added[i]!;
      if (!verdict.ok) reject({ reason: 'invalid-object', objectId: entry.id, detail: `${verdict.code}: ${verdict.message}` });
      else if (verdict.docId !== docId) reject({ reason: 'wrong-document', objectId: entry.id, detail: `object belongs in ${verdict.docId}` });
      else if (verdict.decoded !== undefined) added[i] = { id: entry.id, bytes: entry.bytes, decoded: verdict.decoded };
    });
  }
  return added;
}

/**
 * The value of a key that two peers put concurrently. The same object added independently on two replicas (e.g. a
 * result imported from a bundle where it had also arrived by network) is two puts of identical bytes: Automerge keeps
 * both and `A.diff` reports a `conflict` when the value already held wins. That is harmless; different values are not.
 */
function agreedValue(candidate: DocBackend, id: string, reject: (rejection: MergeRejection) => never): Uint8Array {
  checkCopies(candidate, id, reject);
  const values = candidate.getAll('_root', id).map((entry) => entry[1]);
  const first = values[0];
  if (!(first instanceof Uint8Array) || values.some((v) => !(v instanceof Uint8Array) || !equalBytes(first, v))) {
    return reject({ reason: 'overwrite', objectId: id, detail: `concurrent different values for ${id}` });
  }
  return first;
}

/**
 * Most concurrent copies of one object a document keeps: replicas that each added it independently (its author, and
 * every peer that imported it from a bundle before the network brought it). Generous, so that a bundle copied to many
 * relays never gets an honest peer banned; it only bounds what a forger of concurrent history can make a peer store.
 */
const MAX_CONCURRENT_COPIES = 32;

/**
 * A held object put again is harmless only as a concurrent addition (two replicas added it independently: Automerge
 * keeps both puts). A put that replaces the held one (made after it, so only one put survives) adds nothing but
 * history this peer would have to store, again and again; so do more than a few concurrent copies. Both: `rewrite`.
 */
function checkCopies(candidate: DocBackend, id: string, reject: (rejection: MergeRejection) => never): void {
  const copies = candidate.getAll('_root', id).length;
  if (copies < 2) reject({ reason: 'rewrite', objectId: id, detail: `held object ${id} put again` });
  if (copies > MAX_CONCURRENT_COPIES) reject({ reason: 'rewrite', objectId: id, detail: `${copies} concurrent copies of ${id}` });
}

function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h) => b.includes(h));
}

function equalBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
