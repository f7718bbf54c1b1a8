import type { IterateOptions, KeyValueStore } from '../key-value-store.js';
import { type ComplianceContext, collect, collectKeys, expectRejects } from './test-framework.js';
import { hex, utf8 } from './test-bytes.js';

/** Keys in UTF-8 byte (code point) order; note U+FF5E sorts before U+1F600 here, unlike in UTF-16. */
const ORDERED_KEYS = ['A', 'Z', 'a', 'a\u0000', 'aa', 'b', '~', '\u00e9', '\u4e2d', '\uff5e', '\u{1F600}', '\u{10FFFF}'];

async function putKeys(store: KeyValueStore, keys: readonly string[]): Promise<void> {
  await store.batch(keys.map((key) => ({ type: 'put' as const, key, value: utf8(key) })));
}

/** Ordered iteration: byte order, prefixes, ranges, reverse, limit. */
export function iterateCases({ t, test }: ComplianceContext): void {
  t.describe('iteration', () => {
    test('iterate yields every entry in UTF-8 byte order, with its value', async (store) => {
      await putKeys(store, [...ORDERED_KEYS].reverse());
      const entries = await collect(store.iterate());
      t.expect(entries.map(([key]) => key)).toEqual(ORDERED_KEYS);
      t.expect(entries.map(([, value]) => hex(value))).toEqual(ORDERED_KEYS.map((key) => hex(utf8(key))));
      t.expect(await collectKeys(store.iterate({}))).toEqual(ORDERED_KEYS);
      t.expect(await collectKeys(store.iterate({ prefix: '' }))).toEqual(ORDERED_KEYS);
    });

    test('a prefix selects exactly the keys that start with it', async (store) => {
      await putKeys(store, ['use', 'user', 'user/1', 'user/10', 'user/2', 'user0', 'username', 'users/x', 'v', 'ut']);
      t.expect(await collectKeys(store.iterate({ prefix: 'user/' }))).toEqual(['user/1', 'user/10', 'user/2']);
      t.expect(await collectKeys(store.iterate({ prefix: 'user' }))).toEqual([
        'user', 'user/1', 'user/10', 'user/2', 'user0', 'username', 'users/x',
      ]);
      t.expect(await collectKeys(store.iterate({ prefix: 'nobody' }))).toEqual([]);
    });

    test('prefixes work for multi-byte and highest code points', async (store) => {
      await putKeys(store, ['\u00e9', '\u00e9t\u00e9', '\u00ea', '\u{10FFFF}', '\u{10FFFF}\u{10FFFF}', '\u{10FFFF}a', '\u{10FFFE}']);
      t.expect(await collectKeys(store.iterate({ prefix: '\u00e9' }))).toEqual(['\u00e9', '\u00e9t\u00e9']);
      t.expect(await collectKeys(store.iterate({ prefix: '\u{10FFFF}' }))).toEqual([
        '\u{10FFFF}', '\u{10FFFF}a', '\u{10FFFF}\u{10FFFF}',
      ]);
    });

    test('gte and lt bound the range and combine with a prefix', async (store) => {
      const keys = ['m', 'n/1', 'n/2', 'n/3', 'n/4', 'n/5', 'n/6', 'o'];
      await putKeys(store, keys);
      const cases: [IterateOptions, string[]][] = [
        [{ gte: 'n/2', lt: 'n/5' }, ['n/2', 'n/3', 'n/4']],
        [{ gte: 'n/6' }, ['n/6', 'o']],
        [{ lt: 'n/1' }, ['m']],
        [{ prefix: 'n/', gte: 'a' }, ['n/1', 'n/2', 'n/3', 'n/4', 'n/5', 'n/6']],
        [{ prefix: 'n/', lt: 'z' }, ['n/1', 'n/2', 'n/3', 'n/4', 'n/5', 'n/6']],
        [{ prefix: 'n/', gte: 'n/3', lt: 'n/5' }, ['n/3', 'n/4']],
        [{ prefix: 'n/', lt: 'n/' }, []],
        [{ prefix: 'n/', gte: 'o' }, []],
        [{ gte: 'n/3', lt: 'n/3' }, []],
        [{ gte: 'n/4', lt: 'n/2' }, []],
        [{ gte: '', lt: '' }, []],
      ];
      for (const [options, expected] of cases) {
        t.expect({ options, keys: await collectKeys(store.iterate(options)) }).toEqual({ options, keys: expected });
      }
    });

    test('reverse and limit', async (store) => {
      await putKeys(store, ['k1', 'k2', 'k3', 'k4', 'k5', 'x']);
      t.expect(await collectKeys(store.iterate({ prefix: 'k', reverse: true }))).toEqual(['k5', 'k4', 'k3', 'k2', 'k1']);
      t.expect(await collectKeys(store.iterate({ prefix: 'k', limit: 2 }))).toEqual(['k1', 'k2']);
      t.expect(await collectKeys(store.iterate({ prefix: 'k', reverse: true, limit: 2 }))).toEqual(['k5', 'k4']);
      t.expect(await collectKeys(store.iterate({ gte: 'k2', lt: 'k5', reverse: true }))).toEqual(['k4', 'k3', 'k2']);
      t.expect(await collectKeys(store.iterate({ limit: 0 }))).toEqual([]);
      t.expect(await collectKeys(store.iterate({ limit: Infinity }))).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'x']);
    });

    test('breaking out of an iteration releases it', async (store) => {
      await putKeys(store, Array.from({ length: 600 }, (_, i) => `k/${String(i).padStart(3, '0')}`));
      let seen = 0;
      for await (const entry of store.iterate({ prefix: 'k/' })) {
        seen += entry.length > 0 ? 1 : 0;
        if (seen === 3) break;
      }
      t.expect(seen).toBe(3);
      await store.batch([{ type: 'put', key: 'after', value: utf8('ok') }]);
      t.expect(hex(await store.get('after'))).toBe(hex(utf8('ok')));
      await store.close();
      t.expect(store.status).toBe('closed');
    });

    test('invalid iteration options reject with STORE_INVALID_OPTION', async (store) => {
      const bad: unknown[] = [
        { limit: -1 },
        { limit: 1.5 },
        { limit: Number.NaN },
        { limit: '3' },
        { prefix: 5 },
        { prefix: '\ud800' },
        { gte: null },
        { lt: {} },
        { reverse: 'yes' },
        'prefix',
        null,
      ];
      for (const options of bad) {
        await expectRejects(t, () => collect(store.iterate(options as IterateOptions)), 'STORE_INVALID_OPTION');
      }
    });
  });
}
