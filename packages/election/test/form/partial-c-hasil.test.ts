import { describe, expect, it } from 'vitest';
import { InvalidCHasilError, parsePartialCHasil, partialCHasilSchema } from '../../src/index.js';
import { validKwk, validPpwp, withField } from '../helpers/forms.js';

describe('partialCHasilSchema', () => {
  it('accepts complete forms, a bare form type and any subset', () => {
    expect(partialCHasilSchema.safeParse(validKwk()).success).toBe(true);
    expect(partialCHasilSchema.safeParse(validPpwp()).success).toBe(true);
    expect(parsePartialCHasil({ form: 'ppwp' })).toEqual({ form: 'ppwp' });
    const some = { form: 'ppwp', pemilih: { dpt: { j: 258 } }, suara: { paslon: {} } };
    expect(parsePartialCHasil(some)).toEqual(some);
    expect(partialCHasilSchema.safeParse({ form: 'kwk', disabilitas: { pengguna: { l: 1 } }, suratSuara: { digunakan: 3 } }).success).toBe(true);
  });

  it('still requires the form type and applies the same value and key rules', () => {
    expect(partialCHasilSchema.safeParse({}).success).toBe(false);
    expect(partialCHasilSchema.safeParse({ form: 'ppwp', pemilih: { dpph: { l: 1 } } }).success).toBe(false);
    expect(partialCHasilSchema.safeParse({ form: 'kwk', pemilih: { dpk: { l: 1 } } }).success).toBe(false);
    expect(partialCHasilSchema.safeParse({ form: 'kwk', pemilih: { dpt: { l: 1, x: 1 } } }).success).toBe(false);
    expect(partialCHasilSchema.safeParse(withField({ form: 'kwk' }, 'suara.sah', -3)).success).toBe(false);
    expect(partialCHasilSchema.safeParse(withField({ form: 'kwk' }, 'suara.sah', 2.5)).success).toBe(false);
    expect(partialCHasilSchema.safeParse({ form: 'kwk', suara: { sah: null } }).success).toBe(false);
    expect(() => parsePartialCHasil({ form: 'ppwp', extra: true })).toThrow(InvalidCHasilError);
  });
});
