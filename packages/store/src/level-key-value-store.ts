import type { AbstractLevel } from 'abstract-level';
import {
  StoreClosedError,
  StoreInvalidKeyError,
  StoreInvalidOptionError,
  StoreInvalidValueError,
} from './errors.js';
import type {
  BatchOperation,
  BatchOptions,
  IterateOptions,
  KeyValueStore,
  StoreEntry,
  StoreStatus,
} from './key-value-store.js';
import { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES, type StoreLimits } from './limits.js';
import { toStoreError } from './map-level-error.js';
import { resolveBatch } from './resolve-batch.js';
import { decodeKey, encodeKey, keyRange } from './utf8-keys.js';
import { assertBound, assertKey, checkBatchOptions, checkIterateOptions, describeInput } from './validate-input.js';

/** Any `abstract-level` database. Its default encodings do not matter: the adapter passes its own. */
export type AnyLevel = AbstractLevel<any, any, any>;

/** Options of {@link LevelKeyValueStore}. */
export interface LevelKeyValueStoreOptions extends StoreLimits {
  /**
   * Copy values on the way in and out, so a caller mutating a `Uint8Array` can never change what
   * is stored. Needed for in-memory backends, which keep references; disk and IndexedDB backends
   * copy anyway and can turn it off.
   * @default true
   */
  readonly copyValues?: boolean | undefined;
}

/** Keys and values cross into abstract-level as bytes, whatever the database's defaults are. */
const BINARY = { keyEncoding: 'view', valueEncoding: 'view' } as const;

/** Entries fetched from the backend per iterator step. */
const PAGE_SIZE = 256;

function checkLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new StoreInvalidOptionError(`${name} must be a positive integer, got ${describeInput(value)}`);
  }
  return value;
}

/**
 * A {@link KeyValueStore} over any `abstract-level` database (memory-level, classic-level,
 * browser-level, ...). Keys are stored as their UTF-8 bytes, so they sort in code point order.
 * The adapter owns the database: `close()` closes it.
 */
export class LevelKeyValueStore implements KeyValueStore {
  readonly #db: AnyLevel;
  readonly #maxKeyBytes: number;
  readonly #maxValueBytes: number;
  readonly #copyValues: boolean;

  /** Wrap `db`; operations made while it is still opening wait for it (see {@link openLevelStore}). */
  constructor(db: AnyLevel, options: LevelKeyValueStoreOptions = {}) {
    this.#db = db;
    this.#maxKeyBytes = checkLimit(options.maxKeyBytes, DEFAULT_MAX_KEY_BYTES, 'maxKeyBytes');
    this.#maxValueBytes = checkLimit(options.maxValueBytes, DEFAULT_MAX_VALUE_BYTES, 'maxValueBytes');
    this.#copyValues = options.copyValues ?? true;
  }

  /** The underlying database's status. */
  get status(): StoreStatus {
    return this.#db.status;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const bytes = this.#keyBytes(key, 'key');
    let value: Uint8Array | undefined;
    try {
      value = await this.#db.get(bytes, BINARY);
    } catch (error) {
      throw toStoreError(error, 'get');
    }
    return value === undefined ? undefined : this.#output(value);
  }

  async getMany(keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    if (!Array.isArray(keys)) throw new StoreInvalidKeyError(`keys must be an array of strings, got ${describeInput(keys)}`);
    const encoded = keys.map((key: unknown, index) => this.#keyBytes(key, `key ${index}`));
    let values: (Uint8Array | undefined)[];
    try {
      values = await this.#db.getMany(encoded, BINARY);
    } catch (error) {
      throw toStoreError(error, 'getMany');
    }
    return values.map((value) => (value === undefined ? undefined : this.#output(value)));
  }

  async batch(operations: readonly BatchOperation[], options?: BatchOptions): Promise<void> {
    const { sync } = checkBatchOptions(options);
    const resolved = resolveBatch(this, '', operations);
    const encoded = resolved.map((operation, index) => {
      const key = this.#keyBytes(operation.key, `key of batch operation ${index}`);
      if (operation.type === 'del') return { type: 'del' as const, key };
      if (operation.value.byteLength > this.#maxValueBytes) {
        throw new StoreInvalidValueError(
          `value of batch operation ${index} is ${operation.value.byteLength} bytes, the limit is ${this.#maxValueBytes}`,
        );
      }
      return { type: 'put' as const, key, value: this.#copyValues ? new Uint8Array(operation.value) : operation.value };
    });
    // `sync` is a classic-level write option; other backends ignore it.
    const writeOptions = { ...BINARY, sync };
    try {
      await this.#db.batch(encoded, writeOptions);
    } catch (error) {
      throw toStoreError(error, 'batch');
    }
  }

  async *iterate(options?: IterateOptions): AsyncGenerator<StoreEntry, void, undefined> {
    const { prefix, gte, lt, reverse, limit } = checkIterateOptions(options);
    const range = keyRange(prefix, gte, lt);
    if (range === undefined) {
      this.#assertUsable('iterate');
      return;
    }
    let iterator;
    try {
      iterator = this.#db.iterator({ ...BINARY, ...range, reverse, limit: limit === Infinity ? -1 : limit });
    } catch (error) {
      throw toStoreError(error, 'iterate');
    }
    try {
      for (;;) {
        let page: [Uint8Array, Uint8Array][];
        try {
          page = await iterator.nextv(PAGE_SIZE);
        } catch (error) {
          throw toStoreError(error, 'iterate');
        }
        if (page.length === 0) return;
        for (const [key, value] of page) yield [decodeKey(key), this.#output(value)];
      }
    } finally {
      try {
        await iterator.close();
      } catch (error) {
        throw toStoreError(error, 'iterate');
      }
    }
  }

  async clear(prefix = ''): Promise<void> {
    assertBound(prefix, 'prefix');
    try {
      await this.#db.clear({ ...BINARY, ...keyRange(prefix) });
    } catch (error) {
      throw toStoreError(error, 'clear');
    }
  }

  async close(): Promise<void> {
    try {
      await this.#db.close();
    } catch (error) {
      throw toStoreError(error, 'close');
    }
  }

  #keyBytes(key: unknown, what: string): Uint8Array {
    assertKey(key, what);
    const bytes = encodeKey(key);
    if (bytes.byteLength > this.#maxKeyBytes) {
      throw new StoreInvalidKeyError(`${what} is ${bytes.byteLength} bytes of UTF-8, the limit is ${this.#maxKeyBytes}`);
    }
    return bytes;
  }

  /** A plain `Uint8Array` (not a `Buffer` subclass), copied if values must not be shared. */
  #output(value: Uint8Array): Uint8Array {
    if (this.#copyValues) return new Uint8Array(value);
    return value.constructor === Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  #assertUsable(action: string): void {
    const status = this.#db.status;
    if (status === 'closing' || status === 'closed') throw new StoreClosedError(`${action}: the store is not open`);
  }
}

/** Wrap `db` in a {@link LevelKeyValueStore} once it has opened; opening failures become `StoreError`s. */
export async function openLevelStore(db: AnyLevel, options: LevelKeyValueStoreOptions = {}): Promise<LevelKeyValueStore> {
  let store: LevelKeyValueStore;
  try {
    store = new LevelKeyValueStore(db, options);
  } catch (error) {
    // Bad options: do not leave the (auto-opening) database holding files or locks.
    await db.close().catch(() => undefined);
    throw error;
  }
  try {
    await db.open();
  } catch (error) {
    throw toStoreError(error, 'open');
  }
  return store;
}
