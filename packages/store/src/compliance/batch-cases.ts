import { type ComplianceContext, expectRejects } from './test-framework.js';
import { hex, utf8 } from './test-bytes.js';
import type { BatchOperation } from '../key-value-store.js';

/** Atomic batches: order, all-or-nothing on bad input, concurrency. */
export function batchCases({ t, test }: ComplianceContext): void {
  t.describe('atomic batch', () => {
    test('operations apply in order within one batch', async (store) => {
      await store.batch([
        { type: 'put', key: 'a', value: utf8('1') },
        { type: 'del', key: 'a' },
        { type: 'del', key: 'b' },
        { type: 'put', key: 'b', value: utf8('2') },
        { type: 'put', key: 'c', value: utf8('3') },
        { type: 'put', key: 'c', value: utf8('4') },
      ]);
      t.expect((await store.getMany(['a', 'b', 'c'])).map(hex)).toEqual([undefined, hex(utf8('2')), hex(utf8('4'))]);
    });

    test('an empty batch is a no-op', async (store) => {
      await store.batch([]);
      await store.batch([], { sync: true });
      t.expect(await store.get('anything')).toBe(undefined);
    });

    test('sync: true writes like any other batch', async (store) => {
      await store.batch([{ type: 'put', key: 'durable', value: utf8('yes') }], { sync: true });
      t.expect(hex(await store.get('durable'))).toBe(hex(utf8('yes')));
    });

    test('one invalid operation rejects the whole batch and writes nothing', async (store) => {
      await store.batch([{ type: 'put', key: 'existing', value: utf8('old') }]);
      const good: BatchOperation[] = [
        { type: 'put', key: 'new', value: utf8('new') },
        { type: 'put', key: 'existing', value: utf8('replaced') },
        { type: 'del', key: 'existing' },
      ];
      const bad: [unknown, 'STORE_INVALID_VALUE' | 'STORE_INVALID_KEY' | 'STORE_INVALID_OPERATION'][] = [
        [{ type: 'put', key: 'v', value: 'not bytes' }, 'STORE_INVALID_VALUE'],
        [{ type: 'put', key: 'v' }, 'STORE_INVALID_VALUE'],
        [{ type: 'put', key: '', value: utf8('v') }, 'STORE_INVALID_KEY'],
        [{ type: 'del', key: 7 }, 'STORE_INVALID_KEY'],
        [{ type: 'merge', key: 'v', value: utf8('v') }, 'STORE_INVALID_OPERATION'],
        [null, 'STORE_INVALID_OPERATION'],
      ];
      for (const [operation, code] of bad) {
        await expectRejects(t, () => store.batch([...good, operation as BatchOperation]), code);
        await expectRejects(t, () => store.batch([operation as BatchOperation, ...good]), code);
      }
      t.expect((await store.getMany(['new', 'existing'])).map(hex)).toEqual([undefined, hex(utf8('old'))]);
    });

    test('bad batch arguments reject with typed errors', async (store) => {
      await expectRejects(t, () => store.batch('put k v' as unknown as BatchOperation[]), 'STORE_INVALID_OPERATION');
      await expectRejects(t, () => store.batch(undefined as unknown as BatchOperation[]), 'STORE_INVALID_OPERATION');
      await expectRejects(t, () => store.batch([], { sync: 'yes' as unknown as boolean }), 'STORE_INVALID_OPTION');
    });

    test('concurrent batches never interleave: every key of a group comes from the same batch', async (store) => {
      const keys = ['g/0', 'g/1', 'g/2', 'g/3', 'g/4'];
      await Promise.all(
        Array.from({ length: 25 }, (_, writer) =>
          store.batch(keys.map((key) => ({ type: 'put' as const, key, value: Uint8Array.of(writer) }))),
        ),
      );
      const values = (await store.getMany(keys)).map(hex);
      t.expect(new Set(values).size).toBe(1);
      t.expect(values[0] === undefined).toBe(false);
    });
  });
}
