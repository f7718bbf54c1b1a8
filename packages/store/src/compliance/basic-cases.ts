import type { ComplianceContext } from './test-framework.js';
import { hex, utf8 } from './test-bytes.js';

/** Reads and writes of single keys: get, put, del, getMany, value isolation. */
export function basicCases({ t, test }: ComplianceContext): void {
  t.describe('get and put', () => {
    test('a fresh store is open and empty', async (store) => {
      t.expect(store.status).toBe('open');
      t.expect(await store.get('missing')).toBe(undefined);
    });

    test('a put value is read back byte for byte', async (store) => {
      const value = Uint8Array.from({ length: 256 }, (_, i) => i);
      await store.batch([{ type: 'put', key: 'all-bytes', value }]);
      const read = await store.get('all-bytes');
      t.expect(read instanceof Uint8Array).toBe(true);
      t.expect(hex(read)).toBe(hex(value));
    });

    test('an empty value is stored and distinct from a missing key', async (store) => {
      await store.batch([{ type: 'put', key: 'empty', value: new Uint8Array(0) }]);
      t.expect(hex(await store.get('empty'))).toBe('');
      t.expect(await store.get('other')).toBe(undefined);
    });

    test('a put replaces the previous value', async (store) => {
      await store.batch([{ type: 'put', key: 'k', value: utf8('first') }]);
      await store.batch([{ type: 'put', key: 'k', value: utf8('second, longer') }]);
      t.expect(hex(await store.get('k'))).toBe(hex(utf8('second, longer')));
    });

    test('del removes a key, and deleting a missing key is not an error', async (store) => {
      await store.batch([{ type: 'put', key: 'k', value: utf8('v') }]);
      await store.batch([{ type: 'del', key: 'k' }]);
      t.expect(await store.get('k')).toBe(undefined);
      await store.batch([{ type: 'del', key: 'never-written' }]);
      t.expect(await store.get('never-written')).toBe(undefined);
    });

    test('keys are exact strings: case, Unicode normalisation and NUL all matter', async (store) => {
      const keys = ['a', 'A', '\u00e9', 'e\u0301', 'a\u0000', 'a\u0000b', ' a', '\u{1F600}'];
      await store.batch(keys.map((key, i) => ({ type: 'put' as const, key, value: Uint8Array.of(i) })));
      const values = await store.getMany(keys);
      t.expect(values.map(hex)).toEqual(keys.map((_, i) => hex(Uint8Array.of(i))));
    });

    test('getMany returns values in the order asked, undefined for missing, repeats allowed', async (store) => {
      await store.batch([
        { type: 'put', key: 'x', value: utf8('X') },
        { type: 'put', key: 'y', value: utf8('Y') },
      ]);
      const values = await store.getMany(['y', 'missing', 'x', 'y']);
      t.expect(values.map(hex)).toEqual([hex(utf8('Y')), undefined, hex(utf8('X')), hex(utf8('Y'))]);
      t.expect(await store.getMany([])).toEqual([]);
    });

    test('changing a Uint8Array after writing or reading it does not change the stored value', async (store) => {
      const written = utf8('original');
      await store.batch([{ type: 'put', key: 'k', value: written }]);
      written.fill(0);
      const read = await store.get('k');
      t.expect(hex(read)).toBe(hex(utf8('original')));
      read?.fill(0);
      const [again] = await store.getMany(['k']);
      t.expect(hex(again)).toBe(hex(utf8('original')));
      for await (const [, value] of store.iterate()) value.fill(0);
      t.expect(hex(await store.get('k'))).toBe(hex(utf8('original')));
    });

    test('a value that is a view into a larger buffer stores only the viewed bytes', async (store) => {
      const buffer = Uint8Array.from([1, 2, 3, 4, 5, 6]);
      await store.batch([{ type: 'put', key: 'k', value: buffer.subarray(2, 4) }]);
      t.expect(hex(await store.get('k'))).toBe('0304');
    });
  });
}
