import type { BatchOperation, KeyScope, KeyValueStore } from '../key-value-store.js';
import { scoped } from '../scoped.js';
import { type ComplianceContext, collect, collectKeys, expectRejects, expectThrows } from './test-framework.js';
import { hex, utf8 } from './test-bytes.js';

/** Scoped views: prefixing, isolation, nesting, atomic batches across scopes, closing a view. */
export function scopedCases({ t, test }: ComplianceContext): void {
  t.describe('scoped views', () => {
    test('a view prefixes every key it reads and writes', async (store) => {
      const view = scoped(store, 'objects/');
      t.expect(view.status).toBe('open');
      await view.batch([{ type: 'put', key: 'a', value: utf8('A') }]);
      t.expect(hex(await store.get('objects/a'))).toBe(hex(utf8('A')));
      t.expect(await store.get('a')).toBe(undefined);
      await store.batch([{ type: 'put', key: 'objects/b', value: utf8('B') }]);
      t.expect(hex(await view.get('b'))).toBe(hex(utf8('B')));
      t.expect((await view.getMany(['a', 'missing', 'b'])).map(hex)).toEqual([hex(utf8('A')), undefined, hex(utf8('B'))]);
      await view.batch([{ type: 'del', key: 'a' }]);
      t.expect(await store.get('objects/a')).toBe(undefined);
    });

    test('a view iterates only its own keys, without its prefix', async (store) => {
      const keys = ['objects', 'objects/a', 'objects/b', 'objects/c/d', 'objects0', 'objectsx/a', 'other/a', 'a'];
      await store.batch(keys.map((key) => ({ type: 'put' as const, key, value: utf8(key) })));
      const view = scoped(store, 'objects/');
      const entries = await collect(view.iterate());
      t.expect(entries.map(([key]) => key)).toEqual(['a', 'b', 'c/d']);
      t.expect(entries.map(([, value]) => hex(value))).toEqual(['objects/a', 'objects/b', 'objects/c/d'].map((k) => hex(utf8(k))));
      t.expect(await collectKeys(view.iterate({ prefix: 'c/' }))).toEqual(['c/d']);
      t.expect(await collectKeys(view.iterate({ gte: 'b' }))).toEqual(['b', 'c/d']);
      t.expect(await collectKeys(view.iterate({ lt: 'b' }))).toEqual(['a']);
      t.expect(await collectKeys(view.iterate({ reverse: true, limit: 2 }))).toEqual(['c/d', 'b']);
    });

    test('views of views concatenate prefixes onto the same root', async (store) => {
      const region = scoped(store, 'region/');
      const desa = scoped(region, '1906012001/');
      await desa.batch([{ type: 'put', key: 'tps/001', value: utf8('x') }]);
      t.expect(hex(await store.get('region/1906012001/tps/001'))).toBe(hex(utf8('x')));
      t.expect(await collectKeys(region.iterate())).toEqual(['1906012001/tps/001']);
    });

    test('a batch that spans scopes is atomic, from the root or from a view', async (store) => {
      const objects = scoped(store, 'obj/');
      const index = scoped(store, 'idx/');
      await store.batch([
        { type: 'put', scope: objects, key: 'h1', value: utf8('object 1') },
        { type: 'put', scope: index, key: 'tps/1/h1', value: new Uint8Array(0) },
        { type: 'put', key: 'head', value: utf8('h1') },
      ]);
      await objects.batch([
        { type: 'put', key: 'h2', value: utf8('object 2') },
        { type: 'put', scope: index, key: 'tps/1/h2', value: new Uint8Array(0) },
      ]);
      t.expect(await collectKeys(store.iterate())).toEqual(['head', 'idx/tps/1/h1', 'idx/tps/1/h2', 'obj/h1', 'obj/h2']);
      const broken: BatchOperation[] = [
        { type: 'put', scope: objects, key: 'h3', value: utf8('object 3') },
        { type: 'put', scope: index, key: 'tps/1/h3', value: 'oops' as unknown as Uint8Array },
      ];
      await expectRejects(t, () => store.batch(broken), 'STORE_INVALID_VALUE');
      await expectRejects(t, () => objects.batch(broken), 'STORE_INVALID_VALUE');
      t.expect(await objects.get('h3')).toBe(undefined);
      t.expect(await collectKeys(store.iterate())).toEqual(['head', 'idx/tps/1/h1', 'idx/tps/1/h2', 'obj/h1', 'obj/h2']);
    });

    test('a scope of another store is rejected with STORE_SCOPE_MISMATCH', async (store) => {
      const foreign: KeyScope = { root: {} as KeyValueStore, prefix: 'x/', status: 'open' };
      const operation: BatchOperation = { type: 'put', scope: foreign, key: 'k', value: utf8('v') };
      await expectRejects(t, () => store.batch([operation]), 'STORE_SCOPE_MISMATCH');
      await expectRejects(t, () => scoped(store, 'v/').batch([operation]), 'STORE_SCOPE_MISMATCH');
      const notAScope = { type: 'put', scope: 'x/', key: 'k', value: utf8('v') } as unknown as BatchOperation;
      await expectRejects(t, () => store.batch([notAScope]), 'STORE_INVALID_OPERATION');
      t.expect(await collectKeys(store.iterate())).toEqual([]);
    });

    test('clear on a view removes only that view\u2019s keys', async (store) => {
      const keys = ['a/1', 'a/2', 'a/sub/3', 'a0', 'b/1'];
      await store.batch(keys.map((key) => ({ type: 'put' as const, key, value: utf8(key) })));
      const view = scoped(store, 'a/');
      await view.clear('sub/');
      t.expect(await collectKeys(store.iterate())).toEqual(['a/1', 'a/2', 'a0', 'b/1']);
      await view.clear();
      t.expect(await collectKeys(store.iterate())).toEqual(['a0', 'b/1']);
    });

    test('closing a view closes it and its sub-views but not the root', async (store) => {
      const view = scoped(store, 'v/');
      const child = scoped(view, 'c/');
      await view.batch([{ type: 'put', key: 'k', value: utf8('v') }]);
      await view.close();
      await view.close();
      t.expect([view.status, child.status, store.status]).toEqual(['closed', 'closed', 'open']);
      await expectRejects(t, () => view.get('k'), 'STORE_CLOSED');
      await expectRejects(t, () => child.get('k'), 'STORE_CLOSED');
      await expectRejects(t, () => view.batch([{ type: 'put', key: 'k2', value: utf8('v') }]), 'STORE_CLOSED');
      await expectRejects(t, () => collect(view.iterate()), 'STORE_CLOSED');
      await expectRejects(t, () => store.batch([{ type: 'put', scope: view, key: 'k3', value: utf8('v') }]), 'STORE_CLOSED');
      t.expect(hex(await store.get('v/k'))).toBe(hex(utf8('v')));
      const reopened = scoped(store, 'v/');
      t.expect(hex(await reopened.get('k'))).toBe(hex(utf8('v')));
    });

    test('an invalid scope prefix throws STORE_INVALID_KEY', async (store) => {
      expectThrows(t, () => scoped(store, ''), 'STORE_INVALID_KEY');
      expectThrows(t, () => scoped(store, 42 as unknown as string), 'STORE_INVALID_KEY');
      expectThrows(t, () => scoped(store, '\udc00x'), 'STORE_INVALID_KEY');
    });
  });
}
