import { MemoryLevel } from 'memory-level';
import { type LevelKeyValueStore, type LevelKeyValueStoreOptions, openLevelStore } from './level-key-value-store.js';

/** Options of {@link openMemoryStore}. */
export type OpenMemoryStoreOptions = Omit<LevelKeyValueStoreOptions, 'copyValues'>;

/**
 * A fresh, empty in-memory store (memory-level, byte-ordered keys). Works in Node and browsers;
 * nothing survives `close()`. Values are copied in and out, so callers never share buffers with it.
 */
export async function openMemoryStore(options: OpenMemoryStoreOptions = {}): Promise<LevelKeyValueStore> {
  const db = new MemoryLevel<Uint8Array, Uint8Array>({ storeEncoding: 'view', keyEncoding: 'view', valueEncoding: 'view' });
  return openLevelStore(db, { ...options, copyValues: true });
}
