import { openMemoryStore, type BatchOperation, type KeyValueStore } from '@titip/store';
import { describe, expect, it } from 'vitest';
import { newBackend } from '../../src/replication/automerge-backend.js';
import { DocumentPersistence } from '../../src/replication/document-persistence.js';
import { objectIdsOf, putObjects } from '../../src/replication/region-backend.js';
import { testObject } from './fixtures.js';

/** A memory store that counts its batches and fails those writing a key of document `failing` (a disk that refuses). */
async function countingStore() {
  const store = await openMemoryStore();
  const control = { batches: [] as number[], failing: undefined as string | undefined };
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'batch') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (ops: readonly BatchOperation[], options?: { sync?: boolean }) => {
        control.batches.push(ops.length);
        if (control.failing !== undefined && ops.some((op) => op.key.startsWith(`d/${control.failing}/`))) throw new Error('disk refused');
        return target.batch(ops, options);
      };
    },
  }) as KeyValueStore;
  return { store: wrapped, control };
}

function docWith(docId: string, payload: string) {
  const backend = newBackend();
  putObjects(backend, [testObject(docId, payload)]);
  return backend;
}

describe('DocumentPersistence', () => {
  it('writes the saves of many documents that arrive while a batch is written in one batch, each durable when it resolves', async () => {
    const { store, control } = await countingStore();
    const persistence = new DocumentPersistence(store);
    const ids = Array.from({ length: 10 }, (_, i) => `19060120010${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id) => persistence.save(id, docWith(id, 'x'))));
    expect(control.batches).toEqual([1, 9]); // the first alone, the nine that came meanwhile together
    const loaded = await new DocumentPersistence(store).loadAll();
    expect([...loaded.keys()].sort()).toEqual(ids);
    for (const id of ids) expect(objectIdsOf(loaded.get(id)!)).toEqual([testObject(id, 'x').id]);
  });

  it('keeps one document’s failure its own: a shared batch that fails is retried save by save', async () => {
    const { store, control } = await countingStore();
    const persistence = new DocumentPersistence(store);
    await persistence.save('1906012001', docWith('1906012001', 'first'));
    control.failing = '1906012003';
    const saves = ['1906012002', '1906012003', '1906012004'].map((id) => persistence.save(id, docWith(id, 'y')));
    const outcomes = await Promise.allSettled(saves);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    control.failing = undefined;
    const loaded = await new DocumentPersistence(store).loadAll();
    expect([...loaded.keys()].sort()).toEqual(['1906012001', '1906012002', '1906012004']);
    // the refused document saves again once the disk takes it, from where it stood
    await persistence.save('1906012003', docWith('1906012003', 'y'));
    expect((await new DocumentPersistence(store).loadAll()).has('1906012003')).toBe(true);
  });
});
