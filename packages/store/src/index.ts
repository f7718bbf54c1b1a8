/**
 * `@titip/store`: a small key-value interface over abstract-level with atomic batches. This entry
 * is universal (Node and browsers); the disk and IndexedDB stores live at `@titip/store/node` and
 * `@titip/store/browser`.
 * @packageDocumentation
 */
export type {
  BatchOperation,
  BatchOptions,
  DelOperation,
  IterateOptions,
  KeyScope,
  KeyValueStore,
  PutOperation,
  StoreEntry,
  StoreStatus,
} from './key-value-store.js';
export {
  StoreBackendError,
  StoreClosedError,
  StoreCorruptionError,
  StoreError,
  type StoreErrorCode,
  StoreInvalidKeyError,
  StoreInvalidOperationError,
  StoreInvalidOptionError,
  StoreInvalidValueError,
  StoreIoError,
  StoreLockedError,
  StoreScopeMismatchError,
} from './errors.js';
export { DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES, type StoreLimits } from './limits.js';
export {
  type AnyLevel,
  LevelKeyValueStore,
  type LevelKeyValueStoreOptions,
  openLevelStore,
} from './level-key-value-store.js';
export { openMemoryStore, type OpenMemoryStoreOptions } from './open-memory-store.js';
export { ScopedKeyValueStore, scoped } from './scoped.js';
export { resolveBatch, type ResolvedOperation } from './resolve-batch.js';
