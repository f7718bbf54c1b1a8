import * as A from '@automerge/automerge';
import { AutomergeBackendError } from './errors.js';

/**
 * Automerge's document backend (the wasm document behind every `A.Doc`), used directly. The JS document API keeps a
 * materialized JS copy of every value and updates it on each change; for documents of signed blobs that copy is never
 * read, and keeping hundreds of such documents made every Automerge call slower (measured: a change of 50 objects
 * 2 ms with 20 documents held, 40 ms with 300). The replica therefore holds backends only.
 */
export type DocBackend = ReturnType<typeof A.getBackend>;

/** A new, empty document backend with a random actor. */
export function newBackend(): DocBackend {
  return A.getBackend(A.init());
}

// Automerge's sync functions take a document and the JS form of a sync state, convert the state to and from its wasm
// form, and call the document's backend. They are used here on a stand-in root whose backend forwards to the real one
// and reports no patches to materialize. The root's symbols are Automerge's registered ones (`Symbol.for`).
const STATE = Symbol.for('_am_meta');
const OBJECT_ID = Symbol.for('_am_objectId');

interface Calls {
  generate: number;
  receive: number;
}

function standIn(backend: DocBackend, calls: Calls): A.Doc<unknown> {
  const handle = {
    getHeads: () => backend.getHeads(),
    generateSyncMessage: (state: Parameters<DocBackend['generateSyncMessage']>[0]) => {
      calls.generate++;
      return backend.generateSyncMessage(state);
    },
    receiveSyncMessage: (state: Parameters<DocBackend['receiveSyncMessage']>[0], message: Uint8Array) => {
      calls.receive++;
      backend.receiveSyncMessage(state, message);
    },
    applyAndReturnPatches: (doc: unknown) => ({ value: doc, patches: [] }),
  };
  return { [STATE]: { handle }, [OBJECT_ID]: '_root' } as unknown as A.Doc<unknown>;
}

/** `A.generateSyncMessage` on a backend: the new sync state and the message, or null when the peer has everything. */
export function generateSyncMessage(backend: DocBackend, state: A.SyncState): [A.SyncState, Uint8Array | null] {
  const calls: Calls = { generate: 0, receive: 0 };
  const result = A.generateSyncMessage(standIn(backend, calls), state);
  if (calls.generate !== 1) throw new AutomergeBackendError('generateSyncMessage no longer reaches the document backend');
  return result;
}

/**
 * `A.receiveSyncMessage` on a backend: applies the message to `backend` (in place) and returns the new sync state.
 * @throws whatever Automerge throws for a message it cannot decode or apply: receive a message that carries changes
 *   on a fork (`backend.fork()`), so that such a failure leaves the document as it was.
 */
export function receiveSyncMessage(backend: DocBackend, state: A.SyncState, message: Uint8Array): A.SyncState {
  const calls: Calls = { generate: 0, receive: 0 };
  const [, next] = A.receiveSyncMessage(standIn(backend, calls), state, message);
  if (calls.receive !== 1) throw new AutomergeBackendError('receiveSyncMessage no longer reaches the document backend');
  return next;
}
