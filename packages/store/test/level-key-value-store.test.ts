import fc from 'fast-check';
import { MemoryLevel } from 'memory-level';
import { describe, expect, it } from 'vitest';
import { runKeyValueStoreTests } from '../src/compliance.js';
import type { BatchOperation, IterateOptions } from '../src/key-value-store.js';
import { LevelKeyValueStore, openLevelStore } from '../src/level-key-value-store.js';
import { compareBytes, encodeKey } from '../src/utf8-keys.js';

// The adapter passes its own encodings on every call, so a database with the default (utf8)
// encodings and memory-level's default Buffer storage must behave exactly the same.
runKeyValueStoreTests(
  'LevelKeyValueStore over a default MemoryLevel',
  async () => {
    const store = await openLevelStore(new MemoryLevel());
    return { store, teardown: () => store.close() };
  },
  { describe, it, expect },
);

runKeyValueStoreTests(
  'LevelKeyValueStore with custom limits',
  async () => {
    const store = await openLevelStore(new MemoryLevel({ storeEncoding: 'view' }), {
      maxKeyBytes: 64,
      maxValueBytes: 2 * 1024 * 1024,
    });
    return { store, teardown: () => store.close() };
  },
  { describe, it, expect },
  { maxKeyBytes: 64, maxValueBytes: 2 * 1024 * 1024 },
);

function byUtf8(a: string, b: string): number {
  return compareBytes(encodeKey(a), encodeKey(b));
}

/** The reference model: a Map, sorted by UTF-8 bytes on read. */
function modelIterate(model: Map<string, Uint8Array>, options: IterateOptions): string[] {
  const { prefix = '', gte, lt, reverse = false, limit = Infinity } = options;
  const keys = [...model.keys()]
    .filter((key) => key.startsWith(prefix))
    .filter((key) => gte === undefined || byUtf8(key, gte) >= 0)
    .filter((key) => lt === undefined || byUtf8(key, lt) < 0)
    .sort(byUtf8);
  if (reverse) keys.reverse();
  return keys.slice(0, limit === Infinity ? undefined : limit);
}

// Small alphabet (with multi-byte and astral characters) so keys collide and share prefixes.
const keyChar = fc.constantFrom('a', 'b', '/', '\u00e9', '\uff5e', '\u{1F600}', '\u0000');
const key = fc.string({ unit: keyChar, minLength: 1, maxLength: 4 });
const bound = fc.string({ unit: keyChar, minLength: 0, maxLength: 3 });
const operation = fc.oneof(
  fc.record({ type: fc.constant('put' as const), key, value: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ type: fc.constant('del' as const), key }),
);
const iterateOptions = fc.record(
  {
    prefix: bound,
    gte: bound,
    lt: bound,
    reverse: fc.boolean(),
    limit: fc.oneof(fc.nat({ max: 6 }), fc.constant(Infinity)),
  },
  { requiredKeys: [] },
);

describe('LevelKeyValueStore against a Map model (seeded)', () => {
  it('random batches and iterations agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(operation, { maxLength: 6 }), { maxLength: 12 }), fc.array(iterateOptions, { minLength: 1, maxLength: 5 }), async (batches, queries) => {
        const store = await openLevelStore(new MemoryLevel());
        const model = new Map<string, Uint8Array>();
        try {
          for (const batch of batches) {
            await store.batch(batch as BatchOperation[]);
            for (const op of batch) {
              if (op.type === 'put') model.set(op.key, op.value);
              else model.delete(op.key);
            }
          }
          for (const options of queries) {
            const keys: string[] = [];
            for await (const [k, value] of store.iterate(options)) {
              keys.push(k);
              expect([...value]).toEqual([...(model.get(k) ?? [])]);
            }
            expect(keys).toEqual(modelIterate(model, options));
          }
        } finally {
          await store.close();
        }
      }),
      { seed: 20240214, numRuns: 200 },
    );
  });
});

describe('LevelKeyValueStore', () => {
  it('returns plain Uint8Arrays even when the backend gives Buffers', async () => {
    const store = new LevelKeyValueStore(new MemoryLevel({ storeEncoding: 'buffer' }), { copyValues: false });
    await store.batch([{ type: 'put', key: 'k', value: Uint8Array.of(1, 2) }]);
    const value = await store.get('k');
    expect(value?.constructor).toBe(Uint8Array);
    await store.close();
  });

  it('queues operations made while the database is still opening', async () => {
    const store = new LevelKeyValueStore(new MemoryLevel());
    expect(store.status).toBe('opening');
    await store.batch([{ type: 'put', key: 'k', value: Uint8Array.of(7) }]);
    expect(store.status).toBe('open');
    expect(await store.get('k')).toEqual(Uint8Array.of(7));
    await store.close();
  });

  it('reports a key that is not UTF-8 as StoreCorruptionError', async () => {
    const db = new MemoryLevel({ storeEncoding: 'view' });
    const store = await openLevelStore(db);
    await db.put(Uint8Array.of(0x61, 0xff), Uint8Array.of(1), { keyEncoding: 'view', valueEncoding: 'view' });
    const consume = async (): Promise<void> => {
      for await (const entry of store.iterate()) void entry;
    };
    await expect(consume()).rejects.toMatchObject({ name: 'StoreCorruptionError', code: 'STORE_CORRUPTION' });
    await store.close();
  });

  it('closes the database when its options are invalid', async () => {
    const db = new MemoryLevel();
    await expect(openLevelStore(db, { maxKeyBytes: -1 })).rejects.toMatchObject({ code: 'STORE_INVALID_OPTION' });
    expect(db.status).toBe('closed');
  });
});
