import type { BatchOperation } from '../key-value-store.js';
import { type ComplianceContext, collect, expectRejects } from './test-framework.js';
import { hex, utf8 } from './test-bytes.js';

const BAD_KEYS: unknown[] = [undefined, null, 42, true, {}, ['k'], utf8('k'), '', '\ud800', 'a\udfffb'];
const BAD_VALUES: unknown[] = [undefined, null, 'text', 42, [1, 2], {}, new ArrayBuffer(4), new Uint16Array(2), new DataView(new ArrayBuffer(2))];

/** Malformed and oversized input gets a typed rejection, never a crash or a partial write. */
export function inputCases({ t, test, maxKeyBytes, maxValueBytes }: ComplianceContext): void {
  t.describe('input validation', () => {
    test('invalid keys reject with STORE_INVALID_KEY in every method', async (store) => {
      for (const key of BAD_KEYS) {
        const k = key as string;
        await expectRejects(t, () => store.get(k), 'STORE_INVALID_KEY');
        await expectRejects(t, () => store.getMany(['ok', k]), 'STORE_INVALID_KEY');
        await expectRejects(t, () => store.batch([{ type: 'put', key: k, value: utf8('v') }]), 'STORE_INVALID_KEY');
        await expectRejects(t, () => store.batch([{ type: 'del', key: k }]), 'STORE_INVALID_KEY');
      }
      await expectRejects(t, () => store.getMany('k' as unknown as string[]), 'STORE_INVALID_KEY');
      t.expect((await collect(store.iterate())).length).toBe(0);
    });

    test('invalid values reject with STORE_INVALID_VALUE', async (store) => {
      for (const value of BAD_VALUES) {
        await expectRejects(t, () => store.batch([{ type: 'put', key: 'k', value } as BatchOperation]), 'STORE_INVALID_VALUE');
      }
      t.expect(await store.get('k')).toBe(undefined);
    });

    test('a key of exactly the size limit is accepted, one byte more is rejected', async (store) => {
      // 'é' is two bytes of UTF-8: the limit is in bytes, not characters.
      const fits = 'é'.repeat(Math.floor(maxKeyBytes / 2)) + 'x'.repeat(maxKeyBytes % 2);
      await store.batch([{ type: 'put', key: fits, value: utf8('fits') }]);
      t.expect(hex(await store.get(fits))).toBe(hex(utf8('fits')));
      const tooLong = fits + 'x';
      await expectRejects(t, () => store.batch([{ type: 'put', key: tooLong, value: utf8('v') }]), 'STORE_INVALID_KEY');
      await expectRejects(t, () => store.get(tooLong), 'STORE_INVALID_KEY');
    });

    test('a value over the size limit is rejected and nothing of its batch is written', async (store) => {
      const tooLarge = new Uint8Array(maxValueBytes + 1);
      await expectRejects(
        t,
        () => store.batch([{ type: 'put', key: 'small', value: utf8('v') }, { type: 'put', key: 'large', value: tooLarge }]),
        'STORE_INVALID_VALUE',
      );
      t.expect(await store.getMany(['small', 'large'])).toEqual([undefined, undefined]);
    }, 60_000);

    test('clear with an invalid prefix rejects with STORE_INVALID_OPTION', async (store) => {
      await store.batch([{ type: 'put', key: 'k', value: utf8('v') }]);
      await expectRejects(t, () => store.clear(7 as unknown as string), 'STORE_INVALID_OPTION');
      await expectRejects(t, () => store.clear('\ud800'), 'STORE_INVALID_OPTION');
      t.expect(hex(await store.get('k'))).toBe(hex(utf8('v')));
    });
  });
}
