import { BrowserLevel } from 'browser-level';
import { StoreInvalidOptionError } from './errors.js';
import { type LevelKeyValueStore, type LevelKeyValueStoreOptions, openLevelStore } from './level-key-value-store.js';

/** Options of {@link openBrowserStore}. */
export type OpenBrowserStoreOptions = Omit<LevelKeyValueStoreOptions, 'copyValues'>;

/**
 * Open (creating it if needed) the IndexedDB-backed store named `name` with browser-level. Data
 * persists across page loads; IndexedDB quota errors surface as `StoreIoError`.
 */
export async function openBrowserStore(name: string, options: OpenBrowserStoreOptions = {}): Promise<LevelKeyValueStore> {
  if (typeof name !== 'string' || name.length === 0) {
    throw new StoreInvalidOptionError('openBrowserStore: name must be a non-empty string');
  }
  const db = new BrowserLevel<Uint8Array, Uint8Array>(name, { keyEncoding: 'view', valueEncoding: 'view' });
  return openLevelStore(db, { ...options, copyValues: false });
}
