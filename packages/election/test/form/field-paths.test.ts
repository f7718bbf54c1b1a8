import { describe, expect, it } from 'vitest';
import { fieldPaths, getField, presentFields } from '../../src/index.js';
import { validKwk, validPpwp } from '../helpers/forms.js';

describe('fieldPaths / getField / presentFields', () => {
  it('lists every number of a form in form order', () => {
    const kwk = fieldPaths('kwk', ['1000526', '1000527']);
    expect(kwk).toHaveLength(24 + 6 + 4 + 2 + 3);
    expect(kwk.slice(0, 4)).toEqual(['pemilih.dpt.l', 'pemilih.dpt.p', 'pemilih.dpt.j', 'pemilih.dpph.l']);
    expect(kwk).toContain('suara.paslon.1000527');
    const ppwp = fieldPaths('ppwp', []);
    expect(ppwp).toContain('pengguna.dpk.j');
    expect(ppwp).not.toContain('pengguna.dpph.j');
  });

  it('reads numbers by path and gives undefined for anything else', () => {
    const form = validPpwp();
    expect(getField(form, 'pemilih.dpt.j')).toBe(285);
    expect(getField(form, 'suara.paslon.100026')).toBe(170);
    expect(getField(form, 'pemilih.dpt')).toBeUndefined();
    expect(getField(form, 'pemilih.dpph.j')).toBeUndefined();
    expect(getField(form, 'suara.paslon.toString')).toBeUndefined();
    expect(getField({ form: 'ppwp' }, 'pemilih.dpt.j')).toBeUndefined();
  });

  it('hands out a fresh array each time (the path strings are shared, the arrays are not)', () => {
    const first = fieldPaths('kwk', ['1']);
    first.length = 0;
    expect(fieldPaths('kwk', ['1'])).toHaveLength(24 + 6 + 4 + 1 + 3);
  });

  it('presentFields gives every value of a complete form', () => {
    const fields = presentFields(validKwk());
    expect(fields).toHaveLength(39);
    expect(fields[0]).toEqual(['pemilih.dpt.l', 250]);
    expect(presentFields({ form: 'kwk', suara: { sah: 3 } })).toEqual([['suara.sah', 3]]);
  });
});
