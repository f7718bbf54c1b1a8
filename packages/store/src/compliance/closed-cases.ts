import { scoped } from '../scoped.js';
import { type ComplianceContext, collect, expectRejects } from './test-framework.js';
import { utf8 } from './test-bytes.js';

/** A closed store refuses every operation with STORE_CLOSED. */
export function closedCases({ t, test }: ComplianceContext): void {
  t.describe('closed store', () => {
    test('after close every operation rejects with STORE_CLOSED', async (store) => {
      await store.batch([{ type: 'put', key: 'k', value: utf8('v') }]);
      await store.close();
      t.expect(store.status).toBe('closed');
      await expectRejects(t, () => store.get('k'), 'STORE_CLOSED');
      await expectRejects(t, () => store.getMany(['k']), 'STORE_CLOSED');
      await expectRejects(t, () => store.batch([{ type: 'put', key: 'k', value: utf8('w') }]), 'STORE_CLOSED');
      await expectRejects(t, () => store.batch([{ type: 'del', key: 'k' }], { sync: true }), 'STORE_CLOSED');
      await expectRejects(t, () => store.batch([]), 'STORE_CLOSED');
      await expectRejects(t, () => collect(store.iterate()), 'STORE_CLOSED');
      await expectRejects(t, () => collect(store.iterate({ prefix: 'k', limit: 1 })), 'STORE_CLOSED');
      await expectRejects(t, () => store.clear(), 'STORE_CLOSED');
      await expectRejects(t, () => store.clear('k'), 'STORE_CLOSED');
    });

    test('close is idempotent', async (store) => {
      await store.close();
      await store.close();
      t.expect(store.status).toBe('closed');
    });

    test('views of a closed store reject with STORE_CLOSED', async (store) => {
      const view = scoped(store, 'v/');
      await store.close();
      t.expect(view.status).toBe('closed');
      await expectRejects(t, () => view.get('k'), 'STORE_CLOSED');
      await expectRejects(t, () => view.batch([{ type: 'put', key: 'k', value: utf8('v') }]), 'STORE_CLOSED');
      await expectRejects(t, () => collect(view.iterate()), 'STORE_CLOSED');
      await expectRejects(t, () => view.clear(), 'STORE_CLOSED');
    });

    test('closing the store ends an iteration in progress with STORE_CLOSED', async (store) => {
      const keys = Array.from({ length: 2000 }, (_, i) => `k/${String(i).padStart(4, '0')}`);
      await store.batch(keys.map((key) => ({ type: 'put' as const, key, value: utf8(key) })));
      const iterator = store.iterate()[Symbol.asyncIterator]();
      const first = await iterator.next();
      t.expect(first.done).toBe(false);
      await store.close();
      await expectRejects(
        t,
        async () => {
          for (let step = 0; step < keys.length; step++) if ((await iterator.next()).done === true) return;
        },
        'STORE_CLOSED',
      );
    });
  });
}
