import { StoreClosedError, StoreInvalidKeyError } from './errors.js';
import type {
  BatchOperation,
  BatchOptions,
  IterateOptions,
  KeyScope,
  KeyValueStore,
  StoreEntry,
  StoreStatus,
} from './key-value-store.js';
import { resolveBatch } from './resolve-batch.js';
import { assertBound, assertKey, checkIterateOptions, describeInput } from './validate-input.js';

/**
 * A view of a store in which every key silently carries a prefix, like an `abstract-level`
 * sublevel. Views of views flatten onto the same root, so a batch on any view (or on the root)
 * may write into several scopes at once and stays atomic. Closing a view closes only the view
 * (and views made from it); the root stays open.
 */
export class ScopedKeyValueStore implements KeyValueStore, KeyScope {
  /** The root store every operation goes to. */
  readonly root: KeyValueStore;
  /** The full prefix relative to `root`. */
  readonly prefix: string;
  readonly #parent: ScopedKeyValueStore | undefined;
  #closed = false;

  /** Use {@link scoped} instead. */
  constructor(root: KeyValueStore, prefix: string, parent?: ScopedKeyValueStore) {
    this.root = root;
    this.prefix = prefix;
    this.#parent = parent;
  }

  /** `'closed'` once this view or a view it was made from is closed, otherwise the root's status. */
  get status(): StoreStatus {
    return this.#isClosed() ? 'closed' : this.root.status;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    assertKey(key);
    this.#assertOpen('get');
    return this.root.get(this.prefix + key);
  }

  async getMany(keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    if (!Array.isArray(keys)) throw new StoreInvalidKeyError(`keys must be an array of strings, got ${describeInput(keys)}`);
    keys.forEach((key: unknown, index) => assertKey(key, `key ${index}`));
    this.#assertOpen('getMany');
    return this.root.getMany(keys.map((key) => this.prefix + key));
  }

  async batch(operations: readonly BatchOperation[], options?: BatchOptions): Promise<void> {
    const resolved = resolveBatch(this.root, this.prefix, operations);
    this.#assertOpen('batch');
    return this.root.batch(resolved, options);
  }

  async *iterate(options?: IterateOptions): AsyncGenerator<StoreEntry, void, undefined> {
    const { prefix, gte, lt, reverse, limit } = checkIterateOptions(options);
    this.#assertOpen('iterate');
    const base = this.prefix;
    const inner = this.root.iterate({
      prefix: base + prefix,
      gte: gte === undefined ? undefined : base + gte,
      lt: lt === undefined ? undefined : base + lt,
      reverse,
      limit,
    });
    for await (const [key, value] of inner) {
      this.#assertOpen('iterate');
      yield [key.slice(base.length), value];
    }
  }

  async clear(prefix = ''): Promise<void> {
    assertBound(prefix, 'prefix');
    this.#assertOpen('clear');
    return this.root.clear(this.prefix + prefix);
  }

  /** Close this view (and views made from it); the root store is not closed. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  #isClosed(): boolean {
    return this.#closed || (this.#parent !== undefined && this.#parent.#isClosed());
  }

  #assertOpen(action: string): void {
    if (this.#isClosed()) throw new StoreClosedError(`${action}: this scoped view is closed`);
  }
}

/**
 * A view of `store` whose keys are prefixed with `prefix`, e.g. `scoped(store, 'objects/')`. Pick
 * prefixes that are not prefixes of each other (ending them with a separator does that).
 */
export function scoped(store: KeyValueStore, prefix: string): ScopedKeyValueStore {
  assertKey(prefix, 'scope prefix');
  if (store instanceof ScopedKeyValueStore) return new ScopedKeyValueStore(store.root, store.prefix + prefix, store);
  return new ScopedKeyValueStore(store, prefix);
}
