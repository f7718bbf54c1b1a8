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
  const seen = new Set<string>();
  for (const patch of patches) {
    const key = patch.path[0];
    if (patch.path.length !== 1 || typeof key !== 'string') {
      reject({ reason: 'nested-path', detail: `change below the top level at ${JSON.stringify(patch.path)}` });
    }
    const id = key as string;
    let value: unknown;
    if (patch.action === 'put') value = (patch as { value: unknown }).value;
    else if (patch.action === 'conflict') value = objectOf(candidate, id);
    else reject({ reason: patch.action === 'del' ? 'delete' : 'not-a-put', objectId: id, detail: `${patch.action} of ${id}` });
    if (!(value instanceof Uint8Array)) reject({ reason: 'not-bytes', objectId: id, detail: `value of ${id} is not a byte string` });
    const bytes = value as Uint8Array;
    // Concurrent puts of one key: the diff shows one value; every other (a losing put) must be the very same bytes.
    const concurrent = patch.action === 'conflict' || (patch as { conflict?: boolean }).conflict === true;
    if (concurrent) checkCopies(candidate, id, bytes, reject);
    if (heldIds.has(id)) {
      // A concurrent put of the very same object is harmless; any other value is an overwrite. A put of the same
      // bytes made after the held one (not concurrent) adds nothing but history this peer would store again and again.
      if (!equalBytes(objectOf(held, id), bytes)) reject({ reason: 'overwrite', objectId: id, detail: `existing object ${id} replaced` });
      if (!concurrent) reject({ reason: 'rewrite', objectId: id, detail: `held object ${id} put again` });
      continue;
    }
    if (bytes.byteLength > options.maxObjectBytes) {
      reject({ reason: 'oversized', objectId: id, detail: `${bytes.byteLength} bytes > ${options.maxObjectBytes}` });
    }
    if (seen.has(id)) continue;
    seen.add(id);
    added.push({ id, bytes });
  }
  // New history the diff does not show: empty changes, or puts that lose to values already there. Such changes are
  // read op by op (rare for honest peers: copies of an object several replicas added independently), so nothing a
  // stranger made up is stored unseen.
  // Every honest change holds at least one put and every put shows in the diff (one patch per key), so more new
  // changes or operations than patches means something is hidden; only then are the changes decoded (cheap counts).
  const heldStats = held.stats();
  const candidateStats = candidate.stats();
  const newChanges = candidateStats.numChanges - heldStats.numChanges;
  const newOps = candidateStats.numOps - heldStats.numOps;
  if (newChanges > patches.length || newOps > patches.length) checkHiddenChanges(candidate, candidate.getChanges(before), reject);
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
 * Every change of `changes` (the new ones, from the candidate) must hold at least one operation (else `empty-change`),
 * and each must be a top-level put of a byte string whose key then holds only identical bytes, in at most
 * {@link MAX_CONCURRENT_COPIES} copies.
 */
function checkHiddenChanges(candidate: DocBackend, changes: readonly Uint8Array[], reject: (rejection: MergeRejection) => never): void {
  for (const change of changes) {
    const { ops } = A.decodeChange(change);
    if (ops.length === 0) reject({ reason: 'empty-change', detail: 'a change without any operation' });
    for (const op of ops) {
      const key = (op as { key?: unknown }).key;
      if (op.obj !== '_root' || typeof key !== 'string') reject({ reason: 'nested-path', detail: `hidden operation on ${op.obj}` });
      const id = key as string;
      if (op.action !== 'set') reject({ reason: op.action === 'del' ? 'delete' : 'not-a-put', objectId: id, detail: `hidden ${op.action} of ${id}` });
      // A decoded change gives a byte string as a plain array of numbers, without a datatype.
      const { value, datatype } = op as { value?: unknown; datatype?: unknown };
      const bytes = value instanceof Uint8Array ? value : datatype === undefined && Array.isArray(value) ? Uint8Array.from(value as number[]) : undefined;
      if (bytes === undefined) reject({ reason: 'not-bytes', objectId: id, detail: `hidden value of ${id} is not a byte string` });
      // Its bytes must be what the key holds now: a put overwritten later in the same history would hide junk in it.
      checkCopies(candidate, id, bytes as Uint8Array, reject);
    }
  }
}

/**
 * Most concurrent copies of one object a document keeps: replicas that each added it independently (its author, and
 * every peer that imported it from a bundle before the network brought it). Generous, so that a bundle copied to many
 * relays never gets an honest peer banned; it only bounds what a forger of concurrent history can make a peer store.
 */
const MAX_CONCURRENT_COPIES = 32;

/**
 * The values of a key that peers put concurrently. The same object added independently on several replicas (e.g. a
 * result imported from a bundle where it had also arrived by network) is several puts of identical bytes: Automerge
 * keeps them all and the diff shows one. That is harmless, up to {@link MAX_CONCURRENT_COPIES} copies (`rewrite`
 * beyond); any value other than `bytes`, shown or not, is an `overwrite`.
 */
function checkCopies(candidate: DocBackend, id: string, bytes: Uint8Array, reject: (rejection: MergeRejection) => never): void {
  const values = candidate.getAll('_root', id).map((entry) => entry[1]);
  if (values.length === 0) reject({ reason: 'delete', objectId: id, detail: `object ${id} removed` });
  if (values.some((v) => !(v instanceof Uint8Array) || !equalBytes(bytes, v))) {
    reject({ reason: 'overwrite', objectId: id, detail: `concurrent different values for ${id}` });
  }
  if (values.length > MAX_CONCURRENT_COPIES) reject({ reason: 'rewrite', objectId: id, detail: `${values.length} concurrent copies of ${id}` });
}

function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h) => b.includes(h));
}

function equalBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
