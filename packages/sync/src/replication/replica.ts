import type * as A from '@automerge/automerge';
import { silentLogger, type Logger } from '@titip/log';
import type { KeyValueStore } from '@titip/store';
import { generateSyncMessage, newBackend, type DocBackend } from './automerge-backend.js';
import { DEFAULT_MAX_OBJECT_BYTES } from './constants.js';
import { digestOfHeads } from './digest.js';
import { DocumentPersistence } from './document-persistence.js';
import { MergeRejectedError, OutOfScopeError } from './errors.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { MergeCompanion } from './merge-companion.js';
import type { ObjectEntry, ObjectValidator } from './object-validator.js';
import { forkWithObjects, materialize, objectIdsOf, objectOf, putObjects, sortedHeadsOf } from './region-backend.js';
import type { RegionDoc } from './region-document.js';
import { isInInterest, type RegionScopes } from './scope.js';
import { mergeRemoteSyncMessage } from './validate-merge.js';

/** Where a batch of new objects came from: `'local'` or the remote peer's id. */
export type ObjectOrigin = 'local' | { readonly peer: string };

/** Emitted after new objects are stored in a document. */
export interface ObjectsAddedEvent {
  readonly docId: string;
  readonly added: readonly ObjectEntry[];
  readonly origin: ObjectOrigin;
}

/** Options of {@link Replica.open}. */
export interface ReplicaOptions {
  /** Where documents are kept (LevelDB on Node, IndexedDB in browsers, memory in tests). */
  readonly store: KeyValueStore;
  /** The regions this peer serves. */
  readonly scopes: RegionScopes;
  /** Judges every object before it is stored. */
  readonly validator: ObjectValidator;
  /** Largest object accepted. @default 64 KiB */
  readonly maxObjectBytes?: number;
  /** Make every write durable before it resolves. @default true */
  readonly durableWrites?: boolean;
  readonly logger?: Logger;
}

/**
 * The signed objects a peer holds: one Automerge document per region, persisted, changed only by validated additions.
 * Local objects enter through {@link Replica.addLocal}, remote ones through {@link Replica.applyRemote} (the
 * validating merge). Every role (operator, carrier, relay, server) uses the same replica.
 *
 * Documents are held as Automerge backends (see `automerge-backend.ts`), and each addition is made on a fork that
 * replaces the held document only once it is durably stored: sync messages generated meanwhile never announce
 * objects that are not stored yet, and a failed write leaves the document as it was.
 */
export class Replica {
  readonly scopes: RegionScopes;
  readonly #docs: Map<string, DocBackend>;
  readonly #locations = new Map<string, string>();
  readonly #persistence: DocumentPersistence;
  readonly #validator: ObjectValidator;
  readonly #mutex = new KeyedMutex();
  readonly #listeners = new Set<(event: ObjectsAddedEvent) => void>();
  readonly #maxObjectBytes: number;
  readonly #logger: Logger;
  #companion: MergeCompanion | undefined;

  private constructor(options: ReplicaOptions, persistence: DocumentPersistence, docs: Map<string, DocBackend>) {
    this.scopes = [...options.scopes];
    this.#persistence = persistence;
    this.#docs = docs;
    this.#validator = options.validator;
    this.#maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.#logger = options.logger ?? silentLogger;
    for (const [docId, backend] of docs) for (const id of objectIdsOf(backend)) this.#locations.set(id, docId);
  }

  /** Opens a replica, loading every document already stored. */
  static async open(options: ReplicaOptions): Promise<Replica> {
    const persistence = new DocumentPersistence(options.store, { sync: options.durableWrites ?? true });
    const docs = await persistence.loadAll();
    return new Replica(options, persistence, docs);
  }

  /** Ids of the documents held, sorted. */
  docIds(): string[] {
    return [...this.#docs.keys()].sort();
  }

  /**
   * A copy of a document as a JS Automerge document, with its history (built by saving and loading it: costs
   * milliseconds per hundred objects; {@link object}, {@link objectIdsIn} and {@link heads} read without copying).
   */
  doc(docId: string): RegionDoc | undefined {
    const backend = this.#docs.get(docId);
    return backend === undefined ? undefined : materialize(backend);
  }

  /** The ids of the objects a document holds (empty when not held). */
  objectIdsIn(docId: string): string[] {
    const backend = this.#docs.get(docId);
    return backend === undefined ? [] : objectIdsOf(backend);
  }

  /** Sorted heads of a document; empty when not held. */
  heads(docId: string): string[] {
    const backend = this.#docs.get(docId);
    return backend ? sortedHeadsOf(backend) : [];
  }

  /** The digest over the held documents that satisfy `include`. */
  digest(include: (docId: string) => boolean): Uint8Array {
    return digestOfHeads(this.docIds().filter(include).map((id) => [id, this.heads(id)] as const));
  }

  /** The bytes of an object (a copy), wherever it is held. */
  object(id: string): Uint8Array | undefined {
    const docId = this.#locations.get(id);
    const backend = docId === undefined ? undefined : this.#docs.get(docId);
    return backend === undefined ? undefined : objectOf(backend, id);
  }

  /** The document an object is held in. */
  locationOf(id: string): string | undefined {
    return this.#locations.get(id);
  }

  /** Number of objects held. */
  get objectCount(): number {
    return this.#locations.size;
  }

  /** Every object of every document. */
  *objects(): Iterable<ObjectEntry & { docId: string }> {
    for (const [docId, backend] of this.#docs) {
      for (const id of objectIdsOf(backend)) {
        const bytes = objectOf(backend, id);
        if (bytes !== undefined) yield { docId, id, bytes };
      }
    }
  }

  /** Calls `listener` after each batch of stored objects; returns a function that removes it. */
  onObjectsAdded(listener: (event: ObjectsAddedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sets (or, with undefined, removes) the {@link MergeCompanion} whose objects are stored in the same write as each
   * accepted remote merge that adds objects. Their `ObjectsAddedEvent` (origin `'local'`) is emitted just before the
   * merge's own, both once the write is durable.
   */
  setMergeCompanion(companion: MergeCompanion | undefined): void {
    this.#companion = companion;
  }

  /**
   * Adds objects authored (or imported) here. They are validated like remote ones unless `trusted` (objects this
   * process has just signed itself). Resolves once they are durably stored.
   */
  async addLocal(docId: string, entries: readonly ObjectEntry[], options: { trusted?: boolean } = {}): Promise<ObjectEntry[]> {
    if (!isInInterest(docId, this.scopes)) throw new OutOfScopeError(docId);
    return this.#mutex.run(docId, async () => {
      const held = (id: string) => this.#locations.get(id) === docId;
      const fresh = entries.filter((e) => !held(e.id));
      if (fresh.length === 0) return [];
      if (!options.trusted) {
        const verdicts = await this.#validator.validate(fresh);
        verdicts.forEach((verdict, i) => {
          const entry = fresh[i]!;
          if (!verdict.ok) throw new MergeRejectedError(docId, { reason: 'invalid-object', objectId: entry.id, detail: `${verdict.code}: ${verdict.message}` });
          if (verdict.docId !== docId) throw new MergeRejectedError(docId, { reason: 'wrong-document', objectId: entry.id, detail: `object belongs in ${verdict.docId}` });
          if (verdict.decoded !== undefined) fresh[i] = { id: entry.id, bytes: entry.bytes, decoded: verdict.decoded };
        });
      }
      const { backend: next, added } = forkWithObjects(this.#docs.get(docId) ?? newBackend(), fresh, held);
      if (added.length > 0) await this.#commit(docId, next, added, 'local');
      return added;
    });
  }

  /**
   * Applies a remote Automerge sync message through the validating merge. On success the document is stored and the
   * new sync state returned; on rejection a {@link MergeRejectedError} is thrown and nothing changes.
   */
  async applyRemote(docId: string, syncState: A.SyncState, message: Uint8Array, peer: string): Promise<{ syncState: A.SyncState; added: ObjectEntry[] }> {
    if (!isInInterest(docId, this.scopes)) throw new OutOfScopeError(docId);
    return this.#mutex.run(docId, async () => {
      const backend = this.#docs.get(docId) ?? newBackend();
      const before = backend.getHeads();
      const merge = await mergeRemoteSyncMessage(docId, backend, syncState, message, this.#validator, { maxObjectBytes: this.#maxObjectBytes });
      if (sameHeads(merge.backend.getHeads(), before)) {
        this.#docs.set(docId, merge.backend); // may hold changes still waiting for their dependencies
        return { syncState: merge.syncState, added: merge.added };
      }
      // A message that changed the heads was received on a fork (see mergeRemoteSyncMessage): own objects can join it.
      const companion = this.#companion;
      const own = companion !== undefined && merge.backend !== backend && merge.added.length > 0 ? await this.#companionObjects(companion, docId, merge.added) : [];
      putObjects(merge.backend, own);
      try {
        await this.#commit(docId, merge.backend, merge.added, { peer }, own);
      } catch (error) {
        if (own.length > 0) companion?.settled?.(docId, own, false);
        throw error;
      }
      if (own.length > 0) companion?.settled?.(docId, own, true);
      return { syncState: merge.syncState, added: merge.added };
    });
  }

  /** The next Automerge sync message for a peer, or null when it has everything. */
  generateSyncMessage(docId: string, syncState: A.SyncState): [A.SyncState, Uint8Array | null] {
    return generateSyncMessage(this.#docs.get(docId) ?? newBackend(), syncState);
  }

  /** What the companion adds to a merge: new objects only (not held, not in the merge, each once); none if it throws. */
  async #companionObjects(companion: MergeCompanion, docId: string, added: readonly ObjectEntry[]): Promise<ObjectEntry[]> {
    let objects: readonly ObjectEntry[];
    try {
      objects = await companion.objectsFor(docId, added);
    } catch (error) {
      this.#logger.error('merge companion failed; storing the merge alone', { docId, error });
      return [];
    }
    const taken = new Set(added.map((e) => e.id));
    return objects.filter((entry) => {
      if (taken.has(entry.id) || this.#locations.has(entry.id) || entry.bytes.byteLength > this.#maxObjectBytes) return false;
      taken.add(entry.id);
      return true;
    });
  }

  async #commit(docId: string, next: DocBackend, added: readonly ObjectEntry[], origin: ObjectOrigin, own: readonly ObjectEntry[] = []): Promise<void> {
    await this.#persistence.save(docId, next);
    this.#docs.set(docId, next);
    for (const entry of own) this.#locations.set(entry.id, docId);
    for (const entry of added) this.#locations.set(entry.id, docId);
    if (own.length > 0) this.#emit({ docId, added: own, origin: 'local' });
    if (added.length > 0) this.#emit({ docId, added, origin });
  }

  #emit(event: ObjectsAddedEvent): void {
    const { docId } = event;
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error('objects-added listener failed', { docId, error });
      }
    }
  }
}

function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h) => b.includes(h));
}
