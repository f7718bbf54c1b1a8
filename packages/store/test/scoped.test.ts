import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeyValueStoreTests } from '../src/compliance.js';
import { DEFAULT_MAX_KEY_BYTES } from '../src/limits.js';
import { openMemoryStore } from '../src/open-memory-store.js';
import { ScopedKeyValueStore, scoped } from '../src/scoped.js';

// A scoped view is itself a KeyValueStore: it must pass the whole suite. Its keys carry the
// prefix, so the key limit it can offer is the root's minus the prefix.
const PREFIX = 'tenant/\u00e9/';
runKeyValueStoreTests(
  'a scoped view of a memory store',
  async () => {
    const root = await openMemoryStore();
    await root.batch([{ type: 'put', key: 'outside', value: Uint8Array.of(1) }]);
    return { store: scoped(root, PREFIX), teardown: () => root.close() };
  },
  { describe, it, expect, beforeEach, afterEach },
  { maxKeyBytes: DEFAULT_MAX_KEY_BYTES - new TextEncoder().encode(PREFIX).byteLength },
);

runKeyValueStoreTests(
  'a view of a view',
  async () => {
    const root = await openMemoryStore();
    return { store: scoped(scoped(root, 'a/'), 'b/'), teardown: () => root.close() };
  },
  { describe, it, expect },
  { maxKeyBytes: DEFAULT_MAX_KEY_BYTES - 4 },
);

describe('scoped', () => {
  it('flattens views of views onto the root, concatenating prefixes', async () => {
    const root = await openMemoryStore();
    const region = scoped(root, 'region/');
    const desa = scoped(region, '1906012001/');
    expect(desa).toBeInstanceOf(ScopedKeyValueStore);
    expect(region.root).toBe(root);
    expect(desa.root).toBe(root);
    expect(desa.prefix).toBe('region/1906012001/');
    await root.close();
  });

  it('leaves keys outside the view untouched by its clear', async () => {
    const root = await openMemoryStore();
    await root.batch([
      { type: 'put', key: 'outside', value: Uint8Array.of(1) },
      { type: 'put', key: 'v/inside', value: Uint8Array.of(2) },
    ]);
    await scoped(root, 'v/').clear();
    expect(await root.get('outside')).toEqual(Uint8Array.of(1));
    expect(await root.get('v/inside')).toBeUndefined();
    await root.close();
  });
});
