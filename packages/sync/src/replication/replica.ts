import * as A from '@automerge/automerge';
import { silentLogger, type Logger } from '@titip/log';
import type { KeyValueStore } from '@titip/store';
import { DEFAULT_MAX_OBJECT_BYTES } from './constants.js';
import { digestOfHeads } from './digest.js';
import { DocumentPersistence } from './document-persistence.js';
import { MergeRejectedError, OutOfScopeError } from './errors.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { ObjectEntry, ObjectValidator } from './object-validator.js';
import { addObjects, emptyRegionDoc, sortedHeads, type RegionDoc } from './region-document.js';
import { isInInterest, type RegionScopes } from './scope.js';
import { validateRemoteSyncMessage } from './validate-merge.js';

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
 */
export class Replica {
  readonly scopes: RegionScopes;
  readonly #docs: Map<string, RegionDoc>;
  readonly #locations = new Map<string, string>();
  readonly #persistence: DocumentPersistence;
  readonly #validator: ObjectValidator;
  readonly #mutex = new KeyedMutex();
  readonly #listeners = new Set<(event: ObjectsAddedEvent) => void>();
  readonly #maxObjectBytes: number;
  readonly #logger: Logger;

  private constructor(options: ReplicaOptions, persistence: DocumentPersistence, docs: Map<string, RegionDoc>) {
    this.scopes = [...options.scopes];
    this.#persistence = persistence;
    this.#docs = docs;
    this.#validator = options.validator;
    this.#maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.#logger = options.logger ?? silentLogger;
    for (const [docId, doc] of docs) for (const id of Object.keys(doc)) this.#locations.set(id, docId);
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

  /** The current state of a document (treat as read-only). */
  doc(docId: string): RegionDoc | undefined {
    return this.#docs.get(docId);
  }

  /** Sorted heads of a document; empty when not held. */
  heads(docId: string): string[] {
    const doc = this.#docs.get(docId);
    return doc ? sortedHeads(doc) : [];
  }

  /** The digest over the held documents that satisfy `include`. */
  digest(include: (docId: string) => boolean): Uint8Array {
    return digestOfHeads(this.docIds().filter(include).map((id) => [id, this.heads(id)] as const));
  }

  /** The bytes of an object, wherever it is held. */
  object(id: string): Uint8Array | undefined {
    const docId = this.#locations.get(id);
    return docId === undefined ? undefined : this.#docs.get(docId)?.[id];
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
    for (const [docId, doc] of this.#docs) for (const [id, bytes] of Object.entries(doc)) yield { docId, id, bytes };
  }

  /** Calls `listener` after each batch of stored objects; returns a function that removes it. */
  onObjectsAdded(listener: (event: ObjectsAddedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Adds objects authored (or imported) here. They are validated like remote ones unless `trusted` (objects this
   * process has just signed itself). Resolves once they are durably stored.
   */
  async addLocal(docId: string, entries: readonly ObjectEntry[], options: { trusted?: boolean } = {}): Promise<ObjectEntry[]> {
    if (!isInInterest(docId, this.scopes)) throw new OutOfScopeError(docId);
    return this.#mutex.run(docId, async () => {
      const doc = this.#docs.get(docId) ?? emptyRegionDoc();
      const fresh = entries.filter((e) => !(e.id in doc));
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
      const { doc: next, added } = addObjects(doc, fresh);
      await this.#commit(docId, next, added, 'local');
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
      const doc = this.#docs.get(docId) ?? emptyRegionDoc();
      const merge = await validateRemoteSyncMessage(docId, doc, syncState, message, this.#validator, { maxObjectBytes: this.#maxObjectBytes });
      if (!sameHeadsOf(merge.doc, doc)) await this.#commit(docId, merge.doc, merge.added, { peer });
      else this.#docs.set(docId, merge.doc); // may hold changes still waiting for their dependencies
      return { syncState: merge.syncState, added: merge.added };
    });
  }

  /** The next Automerge sync message for a peer, or null when it has everything. */
  generateSyncMessage(docId: string, syncState: A.SyncState): [A.SyncState, Uint8Array | null] {
    return A.generateSyncMessage(this.#docs.get(docId) ?? emptyRegionDoc(), syncState);
  }

  async #commit(docId: string, next: RegionDoc, added: readonly ObjectEntry[], origin: ObjectOrigin): Promise<void> {
    await this.#persistence.save(docId, next);
    this.#docs.set(docId, next);
    for (const entry of added) this.#locations.set(entry.id, docId);
    if (added.length === 0) return;
    const event: ObjectsAddedEvent = { docId, added, origin };
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error('objects-added listener failed', { docId, error });
      }
    }
  }
}

function sameHeadsOf(a: RegionDoc, b: RegionDoc): boolean {
  const ha = A.getHeads(a);
  const hb = A.getHeads(b);
  return ha.length === hb.length && ha.every((h) => hb.includes(h));
}
