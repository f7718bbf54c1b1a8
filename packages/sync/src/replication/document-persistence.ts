import type * as A from '@automerge/automerge';
import type { BatchOperation, KeyValueStore } from '@titip/store';
import { newBackend, type DocBackend } from './automerge-backend.js';

const SNAPSHOT = 's';
const INCREMENT = 'i/';
/** Increments kept before a document is compacted into one snapshot. */
const COMPACT_AFTER = 64;

/** A write waiting for its turn: the operations of one document's save. */
interface QueuedWrite {
  readonly ops: BatchOperation[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** What is remembered of a document's on-disk form between writes. */
interface SavedState {
  heads: A.Heads;
  nextSeq: number;
  increments: number;
}

/**
 * Keeps region documents in a {@link KeyValueStore}: a snapshot plus numbered increments per document, each write one
 * atomic batch, compacted every {@link COMPACT_AFTER} increments. A process killed at any moment reopens with every
 * write that had resolved.
 *
 * Writes of different documents share batches (group commit): while one batch is being written, the saves that
 * arrive wait and then go to the store together, in one atomic batch and one fsync. Each save still resolves only
 * once its own operations are durable; should a shared batch fail, each of its saves is tried alone, so that one
 * document's failure is its own.
 */
export class DocumentPersistence {
  readonly #store: KeyValueStore;
  readonly #saved = new Map<string, SavedState>();
  readonly #sync: boolean;
  #queue: QueuedWrite[] = [];
  #writing = false;

  /** `sync: true` makes every write durable (fsync) before it resolves. */
  constructor(store: KeyValueStore, options: { sync?: boolean } = {}) {
    this.#store = store;
    this.#sync = options.sync ?? true;
  }

  /** Loads every stored document (as document backends). */
  async loadAll(): Promise<Map<string, DocBackend>> {
    const chunks = new Map<string, { snapshot?: Uint8Array; increments: [number, Uint8Array][] }>();
    for await (const [key, value] of this.#store.iterate({ prefix: 'd/' })) {
      const rest = key.slice(2);
      const slash = rest.indexOf('/');
      const docId = rest.slice(0, slash);
      const part = rest.slice(slash + 1);
      const entry = chunks.get(docId) ?? { increments: [] };
      if (part === SNAPSHOT) entry.snapshot = value;
      else if (part.startsWith(INCREMENT)) entry.increments.push([Number(part.slice(INCREMENT.length)), value]);
      chunks.set(docId, entry);
    }
    const docs = new Map<string, DocBackend>();
    for (const [docId, entry] of chunks) {
      const backend = newBackend();
      if (entry.snapshot) backend.loadIncremental(entry.snapshot);
      entry.increments.sort((a, b) => a[0] - b[0]);
      for (const [, bytes] of entry.increments) backend.loadIncremental(bytes);
      const last = entry.increments.at(-1)?.[0] ?? -1;
      this.#saved.set(docId, { heads: backend.getHeads(), nextSeq: last + 1, increments: entry.increments.length });
      docs.set(docId, backend);
    }
    return docs;
  }

  /** Writes what `backend` has beyond its last saved state, atomically. */
  async save(docId: string, backend: DocBackend): Promise<void> {
    const saved = this.#saved.get(docId) ?? { heads: [], nextSeq: 0, increments: 0 };
    const prefix = `d/${docId}/`;
    if (saved.increments + 1 >= COMPACT_AFTER) {
      const ops: BatchOperation[] = [{ type: 'put', key: prefix + SNAPSHOT, value: backend.save() }];
      for await (const [key] of this.#store.iterate({ prefix: prefix + INCREMENT })) ops.push({ type: 'del', key });
      await this.#write(ops);
      this.#saved.set(docId, { heads: backend.getHeads(), nextSeq: saved.nextSeq, increments: 0 });
      return;
    }
    const bytes = backend.saveSince(saved.heads);
    if (bytes.byteLength === 0) return;
    const key = `${prefix}${INCREMENT}${String(saved.nextSeq).padStart(10, '0')}`;
    await this.#write([{ type: 'put', key, value: bytes }]);
    this.#saved.set(docId, { heads: backend.getHeads(), nextSeq: saved.nextSeq + 1, increments: saved.increments + 1 });
  }

  /** Queues one save's operations; resolves once they are durable (see the class comment). */
  #write(ops: BatchOperation[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ ops, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue;
        this.#queue = [];
        if (group.length === 1) await this.#writeAlone(group[0]!);
        else {
          try {
            await this.#store.batch(group.flatMap((w) => w.ops), { sync: this.#sync });
            for (const w of group) w.resolve();
          } catch {
            for (const w of group) await this.#writeAlone(w);
          }
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  async #writeAlone(write: QueuedWrite): Promise<void> {
    try {
      await this.#store.batch(write.ops, { sync: this.#sync });
      write.resolve();
    } catch (error) {
      write.reject(error);
    }
  }
}
