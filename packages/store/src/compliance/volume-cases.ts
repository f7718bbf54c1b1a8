import { type ComplianceContext, collect, collectKeys } from './test-framework.js';
import { sameBytes, seededBytes } from './test-bytes.js';

const MIB = 1024 * 1024;
const MANY = 10_000;

function manyKey(i: number): string {
  return `many/${String(i).padStart(5, '0')}`;
}

function manyValue(i: number): Uint8Array {
  return Uint8Array.of(i >>> 24, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff, 0x2a);
}

/** Large values and many keys. */
export function volumeCases({ t, test }: ComplianceContext): void {
  t.describe('volume', () => {
    test('1 MiB values round-trip through get, getMany and iterate', async (store) => {
      const values = [seededBytes(1, MIB), seededBytes(2, MIB), seededBytes(3, MIB + 17)];
      await store.batch(values.map((value, i) => ({ type: 'put' as const, key: `big/${i}`, value })), { sync: true });
      t.expect(sameBytes(await store.get('big/0'), values[0])).toBe(true);
      const many = await store.getMany(['big/2', 'big/1']);
      t.expect([sameBytes(many[0], values[2]), sameBytes(many[1], values[1])]).toEqual([true, true]);
      const entries = await collect(store.iterate({ prefix: 'big/' }));
      t.expect(entries.map(([key, value], i) => [key, sameBytes(value, values[i])])).toEqual([
        ['big/0', true],
        ['big/1', true],
        ['big/2', true],
      ]);
    }, 60_000);

    test('10,000 keys: one atomic batch, ordered iteration, ranges, getMany, clear', async (store) => {
      // Written in a scrambled order (7919 is prime, so i * 7919 mod MANY visits every index once).
      const order = Array.from({ length: MANY }, (_, i) => (i * 7919) % MANY);
      await store.batch(order.map((i) => ({ type: 'put' as const, key: manyKey(i), value: manyValue(i) })));
      const entries = await collect(store.iterate({ prefix: 'many/' }));
      t.expect(entries.length).toBe(MANY);
      const wrong = entries.filter(([key, value], i) => key !== manyKey(i) || !sameBytes(value, manyValue(i)));
      t.expect(wrong.length).toBe(0);
      t.expect((await collectKeys(store.iterate({ prefix: 'many/01' }))).length).toBe(1000);
      t.expect(await collectKeys(store.iterate({ prefix: 'many/', reverse: true, limit: 3 }))).toEqual([
        manyKey(9999), manyKey(9998), manyKey(9997),
      ]);
      t.expect((await collectKeys(store.iterate({ gte: manyKey(2500), lt: manyKey(7500) }))).length).toBe(5000);
      const sample = [0, 1, 4999, 9999, 1234, 8765];
      const values = await store.getMany(sample.map(manyKey));
      t.expect(values.map((value, i) => sameBytes(value, manyValue(sample[i] as number)))).toEqual(sample.map(() => true));
      await store.batch(Array.from({ length: MANY / 2 }, (_, i) => ({ type: 'del' as const, key: manyKey(i * 2) })));
      t.expect((await collectKeys(store.iterate({ prefix: 'many/' }))).length).toBe(MANY / 2);
      await store.clear('many/');
      t.expect((await collectKeys(store.iterate())).length).toBe(0);
    }, 120_000);
  });
}
