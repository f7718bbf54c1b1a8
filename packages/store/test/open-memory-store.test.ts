import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeyValueStoreTests } from '../src/compliance.js';
import { StoreInvalidOptionError } from '../src/errors.js';
import { openMemoryStore } from '../src/open-memory-store.js';

runKeyValueStoreTests(
  'openMemoryStore',
  async () => {
    const store = await openMemoryStore();
    return { store, teardown: () => store.close() };
  },
  { describe, it, expect, beforeEach, afterEach },
);

describe('openMemoryStore', () => {
  it('gives independent stores', async () => {
    const a = await openMemoryStore();
    const b = await openMemoryStore();
    await a.batch([{ type: 'put', key: 'k', value: Uint8Array.of(1) }]);
    expect(await b.get('k')).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });

  it('rejects invalid limits with StoreInvalidOptionError', async () => {
    await expect(openMemoryStore({ maxKeyBytes: 0 })).rejects.toBeInstanceOf(StoreInvalidOptionError);
    await expect(openMemoryStore({ maxValueBytes: 1.5 })).rejects.toBeInstanceOf(StoreInvalidOptionError);
  });

  it('enforces custom limits', async () => {
    const store = await openMemoryStore({ maxKeyBytes: 8, maxValueBytes: 4 });
    await store.batch([{ type: 'put', key: '12345678', value: Uint8Array.of(1, 2, 3, 4) }]);
    await expect(store.get('123456789')).rejects.toMatchObject({ code: 'STORE_INVALID_KEY' });
    await expect(store.batch([{ type: 'put', key: 'k', value: new Uint8Array(5) }])).rejects.toMatchObject({
      code: 'STORE_INVALID_VALUE',
    });
    await store.close();
  });
});
