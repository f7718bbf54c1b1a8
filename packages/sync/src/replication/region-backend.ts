import * as A from '@automerge/automerge';
import type { DocBackend } from './automerge-backend.js';
import type { ObjectEntry } from './object-validator.js';
import { emptyRegionDoc, type RegionDoc } from './region-document.js';

/** Map key of a region document's root. */
const ROOT = '_root';

/** The ids of the objects a region document's backend holds. */
export function objectIdsOf(backend: DocBackend): string[] {
  return backend.keys(ROOT);
}

/** The bytes of one object (a copy), or undefined when the document does not hold it. */
export function objectOf(backend: DocBackend, id: string): Uint8Array | undefined {
  const value = backend.get(ROOT, id);
  return value instanceof Uint8Array ? value : undefined;
}

/** The heads of a backend, sorted, as the digest and the `heads` message use them. */
export function sortedHeadsOf(backend: DocBackend): string[] {
  return backend.getHeads().sort();
}

/**
 * Adds the objects of `entries` that `held` does not know (each once) in one change, on a fork: `backend` itself is
 * left as it was, so whoever reads it meanwhile sees nothing unstored. Returns the fork (`backend` itself when nothing
 * is new) and the entries added.
 */
export function forkWithObjects(backend: DocBackend, entries: readonly ObjectEntry[], held: (id: string) => boolean): { backend: DocBackend; added: ObjectEntry[] } {
  const seen = new Set<string>();
  const added = entries.filter((entry) => {
    if (held(entry.id) || seen.has(entry.id)) return false;
    seen.add(entry.id);
    return true;
  });
  if (added.length === 0) return { backend, added };
  const next = forkOf(backend);
  putObjects(next, added);
  return { backend: next, added };
}

/**
 * Puts `entries` into `fork` (a fork this process owns and nobody reads yet) in one change of its own. The caller has
 * checked that none is held.
 */
export function putObjects(fork: DocBackend, entries: readonly ObjectEntry[]): void {
  if (entries.length === 0) return;
  for (const entry of entries) fork.put(ROOT, entry.id, entry.bytes);
  fork.commit();
}

/**
 * A copy of a backend to change instead of it, with the same actor: the copy replaces the original (or is dropped,
 * unstored), so its changes continue the actor's sequence and a document keeps one actor per process.
 */
export function forkOf(backend: DocBackend): DocBackend {
  return backend.fork(backend.getActorId());
}

/** A JS Automerge document with the backend's content and history (a copy, built by saving and loading). */
export function materialize(backend: DocBackend): RegionDoc {
  return backend.getHeads().length === 0 ? emptyRegionDoc() : A.load(backend.save());
}
