import { ClassicLevel } from 'classic-level';
import { StoreInvalidOptionError } from './errors.js';
import { type LevelKeyValueStore, type LevelKeyValueStoreOptions, openLevelStore } from './level-key-value-store.js';

/** Options of {@link openNodeStore}. */
export type OpenNodeStoreOptions = Omit<LevelKeyValueStoreOptions, 'copyValues'>;

/**
 * Open (creating it and missing parent directories if needed) the LevelDB store in `directory`
 * with classic-level. Only one process or instance may hold it: a second one gets
 * `StoreLockedError`; damaged files give `StoreCorruptionError`, unusable paths `StoreIoError`.
 * Use `batch(..., { sync: true })` for writes that must survive a power cut.
 */
export async function openNodeStore(directory: string, options: OpenNodeStoreOptions = {}): Promise<LevelKeyValueStore> {
  if (typeof directory !== 'string' || directory.length === 0) {
    throw new StoreInvalidOptionError('openNodeStore: directory must be a non-empty string');
  }
  const db = new ClassicLevel<Uint8Array, Uint8Array>(directory, {
    keyEncoding: 'view',
    valueEncoding: 'view',
    createIfMissing: true,
  });
  return openLevelStore(db, { ...options, copyValues: false });
}
