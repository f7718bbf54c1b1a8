import { describe, expect, it } from 'vitest';
import {
  cHasilKwkSchema,
  cHasilPpwpSchema,
  cHasilSchema,
  countSchema,
  genderedSchema,
  InvalidCHasilError,
  parseCHasil,
} from '../../src/index.js';
import { validKwk, validPpwp, withField } from '../helpers/forms.js';

describe('countSchema and genderedSchema', () => {
  it('accept non-negative integers up to 99,999', () => {
    for (const ok of [0, 1, 999, 1000, 99_999]) expect(countSchema.safeParse(ok).success).toBe(true);
  });
  it.each([-1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 100_000, '5', null, undefined, 2 ** 53])('rejects %s', (bad) => {
    expect(countSchema.safeParse(bad).success).toBe(false);
  });
  it('gendered rows are strict', () => {
    expect(genderedSchema.safeParse({ l: 1, p: 2, j: 3 }).success).toBe(true);
    expect(genderedSchema.safeParse({ l: 1, p: 2, j: 3, x: 0 }).success).toBe(false);
    expect(genderedSchema.safeParse({ l: 1, p: 2 }).success).toBe(false);
  });
});

describe('cHasilSchema', () => {
  it('accepts complete KWK and PPWP forms', () => {
    expect(cHasilKwkSchema.parse(validKwk())).toEqual(validKwk());
    expect(cHasilPpwpSchema.parse(validPpwp())).toEqual(validPpwp());
    expect(parseCHasil(validKwk())).toEqual(validKwk());
    expect(parseCHasil(validPpwp()).form).toBe('ppwp');
  });

  it('does not map categories by name across forms', () => {
    // A KWK form has DPPh, a PPWP form has DPK: each is an unknown key in the other layout.
    const kwkWithDpk = { ...validKwk(), pemilih: { ...validKwk().pemilih, dpk: { l: 0, p: 0, j: 0 } } };
    expect(cHasilSchema.safeParse(kwkWithDpk).success).toBe(false);
    const ppwpAsKwk = { ...validPpwp(), form: 'kwk' };
    expect(cHasilSchema.safeParse(ppwpAsKwk).success).toBe(false);
  });

  const malformed: Array<[string, unknown, string]> = [
    ['a float vote', withField(validKwk(), 'suara.paslon.1000526', 150.5), 'suara.paslon.1000526'],
    ['a negative count', withField(validKwk(), 'pemilih.dpt.l', -1), 'pemilih.dpt.l'],
    ['NaN', withField(validPpwp(), 'suara.sah', Number.NaN), 'suara.sah'],
    ['a count above 99,999', withField(validPpwp(), 'suratSuara.diterima', 100_000), 'suratSuara.diterima'],
    ['an unknown top-level key', { ...validKwk(), catatan: 'x' }, ''],
    ['an unknown nested key', withField(validKwk(), 'suratSuara.rusak', 1), 'suratSuara'],
    ['a missing section', (({ suratSuara: _s, ...rest }) => rest)(validKwk()), 'suratSuara'],
    ['a missing cell', (() => { const f = validKwk() as unknown as { pengguna: { dpt: Record<string, number> } }; delete f.pengguna.dpt['p']; return f; })(), 'pengguna.dpt.p'],
    ['no paslon', { ...validKwk(), suara: { ...validKwk().suara, paslon: {} } }, 'suara.paslon'],
    ['a bad paslon id', { ...validKwk(), suara: { ...validKwk().suara, paslon: { 'a b': 1 } } }, 'suara.paslon.a b'],
    ['a __proto__ paslon id', { ...validKwk(), suara: { ...validKwk().suara, paslon: JSON.parse('{"__proto__": 1}') as object } }, 'suara.paslon.__proto__'],
    ['101 paslon', { ...validKwk(), suara: { ...validKwk().suara, paslon: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 0])) } }, 'suara.paslon'],
    ['an unknown form type', { ...validKwk(), form: 'dpr' }, 'form'],
    ['a string count', withField(validKwk(), 'suara.total', '400' as unknown as number), 'suara.total'],
  ];
  it.each(malformed)('rejects %s with InvalidCHasilError', (_name, input, path) => {
    expect(cHasilSchema.safeParse(input).success).toBe(false);
    try {
      parseCHasil(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidCHasilError);
      const e = err as InvalidCHasilError;
      expect(e.code).toBe('ELECTION_INVALID_FORM');
      expect(e.issues.map((i) => i.path)).toContain(path);
    }
  });

  it('rejects non-objects without crashing', () => {
    for (const bad of [null, undefined, 1, 'x', [], [validKwk()]]) expect(() => parseCHasil(bad)).toThrow(InvalidCHasilError);
  });

  it('keeps the 999 box limit a warning, not a schema error', () => {
    expect(cHasilSchema.safeParse(withField(validKwk(), 'pemilih.dpt.l', 1000)).success).toBe(true);
  });
});
