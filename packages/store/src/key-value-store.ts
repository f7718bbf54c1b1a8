/** Lifecycle state of a store, as `abstract-level` reports it. */
export type StoreStatus = 'opening' | 'open' | 'closing' | 'closed';

/**
 * A key prefix inside one root store. Scoped views (see `scoped()`) are scopes; a batch operation may
 * name one to write into that scope atomically with the rest of the batch.
 */
export interface KeyScope {
  /** The root store whose keys this scope prefixes. */
  readonly root: KeyValueStore;
  /** The full prefix, relative to `root`, that this scope adds to every key. */
  readonly prefix: string;
  /** The scope's own status: a closed scope accepts no operations. */
  readonly status: StoreStatus;
}

/** Write `value` under `key`, replacing any previous value. */
export interface PutOperation {
  readonly type: 'put';
  /** Key relative to `scope` if given, otherwise to the store `batch()` is called on. */
  readonly key: string;
  readonly value: Uint8Array;
  /** Write into this scope of the same root store instead of the store `batch()` is called on. */
  readonly scope?: KeyScope | undefined;
}

/** Delete `key`; deleting a missing key is not an error. */
export interface DelOperation {
  readonly type: 'del';
  /** Key relative to `scope` if given, otherwise to the store `batch()` is called on. */
  readonly key: string;
  /** Delete from this scope of the same root store instead of the store `batch()` is called on. */
  readonly scope?: KeyScope | undefined;
}

/** One operation of an atomic batch. */
export type BatchOperation = PutOperation | DelOperation;

/** Options of {@link KeyValueStore.batch}. */
export interface BatchOptions {
  /**
   * Wait until the batch is on stable storage (`fsync`) before resolving. Backends without a
   * notion of sync (memory, IndexedDB) ignore it.
   * @default false
   */
  readonly sync?: boolean | undefined;
}

/**
 * Which entries {@link KeyValueStore.iterate} yields. All bounds combine (intersection). Keys are
 * ordered by their UTF-8 bytes, which is Unicode code point order.
 */
export interface IterateOptions {
  /** Only keys that start with this string. @default '' (all keys) */
  readonly prefix?: string | undefined;
  /** Only keys greater than or equal to this. */
  readonly gte?: string | undefined;
  /** Only keys strictly less than this. */
  readonly lt?: string | undefined;
  /** Yield the largest key first. @default false */
  readonly reverse?: boolean | undefined;
  /** Yield at most this many entries (a non-negative integer or `Infinity`). @default Infinity */
  readonly limit?: number | undefined;
}

/** A key and its value, as yielded by {@link KeyValueStore.iterate}. */
export type StoreEntry = [key: string, value: Uint8Array];

/**
 * The small key-value interface the rest of Titip stores its data through. Keys are non-empty,
 * well-formed strings (stored as UTF-8); values are bytes. Every method rejects with a
 * `StoreError` (see `errors.ts`) on bad input or a failing backend.
 */
export interface KeyValueStore {
  /** Current lifecycle state; operations are allowed while `'opening'` or `'open'`. */
  readonly status: StoreStatus;
  /** The value stored under `key`, or `undefined` if there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The values stored under `keys`, in the same order (`undefined` where missing). */
  getMany(keys: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /**
   * Apply all operations atomically and in order: after a crash either all of them are present or
   * none. Invalid input rejects the whole batch before anything is written.
   */
  batch(operations: readonly BatchOperation[], options?: BatchOptions): Promise<void>;
  /** Entries in key order (see {@link IterateOptions}); errors surface while iterating. */
  iterate(options?: IterateOptions): AsyncIterable<StoreEntry>;
  /** Delete every key that starts with `prefix` (every key if omitted). Not atomic: use `batch` for that. */
  clear(prefix?: string): Promise<void>;
  /** Release the store; later operations reject with `StoreClosedError`. Safe to call twice. */
  close(): Promise<void>;
}
