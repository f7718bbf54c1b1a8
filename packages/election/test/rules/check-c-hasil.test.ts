import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCHasil,
  ElectionMismatchError,
  fieldPaths,
  getField,
  hardRuleIds,
  InvalidCHasilError,
  InvalidElectionDefinitionError,
  type CHasil,
} from '../../src/index.js';
import { consistentCHasil } from '../helpers/arbitrary-form.js';
import { pkwkk1906, ppwp2024, validKwk, validPpwp, withField } from '../helpers/forms.js';

describe('checkCHasil', () => {
  it('reports nothing on consistent forms; without an election only the election checks are unchecked', () => {
    for (const form of [validKwk(), validPpwp()]) {
      expect(checkCHasil(form)).toEqual({ violations: [], warnings: [], unchecked: ['paslon-set', 'dpt-above-cap'] });
    }
    expect(checkCHasil(validKwk(), pkwkk1906)).toEqual({ violations: [], warnings: [], unchecked: [] });
    expect(checkCHasil(validPpwp(), ppwp2024)).toEqual({ violations: [], warnings: [], unchecked: [] });
  });

  it('marks every rule except box-overflow unchecked on an empty partial form', () => {
    const report = checkCHasil({ form: 'ppwp' }, ppwp2024);
    expect(report.violations).toEqual([]);
    expect(report.unchecked).not.toContain('box-overflow');
    expect(report.unchecked).toContain('gender-total');
    expect(report.unchecked).toHaveLength(14);
  });

  it('orders findings by rule, then by row', () => {
    let form = withField(validPpwp(), 'suara.sah', 251);
    form = withField(form, 'pemilih.dpt.j', 284);
    const rules = checkCHasil(form).violations.map((v) => v.rule);
    expect(rules).toEqual([...rules].sort((a, b) => hardRuleIds.indexOf(a as never) - hardRuleIds.indexOf(b as never)));
    expect(rules[0]).toBe('gender-total');
  });

  it('throws typed errors on bad input instead of crashing', () => {
    expect(() => checkCHasil({ form: 'kwk', suara: { sah: -1 } } as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasil(null as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasil({ ...validKwk(), hack: 1 } as never)).toThrow(InvalidCHasilError);
    expect(() => checkCHasil(validKwk(), ppwp2024)).toThrow(ElectionMismatchError);
    expect(() => checkCHasil(validKwk(), { ...pkwkk1906, paslon: [] })).toThrow(InvalidElectionDefinitionError);
  });

  it('does not change its input', () => {
    const form = withField(validKwk(), 'suara.sah', 1);
    const copy = structuredClone(form);
    checkCHasil(form, pkwkk1906);
    expect(form).toEqual(copy);
  });

  it('property: generated consistent forms pass every hard rule (seeded)', () => {
    fc.assert(
      fc.property(consistentCHasil, (form) => {
        expect(checkCHasil(form).violations).toEqual([]);
      }),
      { seed: 20240214, numRuns: 300 },
    );
  });

  it('property: changing any single number is caught by a hard rule that names that field (seeded)', () => {
    fc.assert(
      fc.property(consistentCHasil, fc.nat(), fc.integer({ min: 1, max: 50 }), (form: CHasil, pick, delta) => {
        const paths = fieldPaths(form.form, Object.keys(form.suara.paslon));
        const path = paths[pick % paths.length] as string;
        const value = getField(form, path) as number;
        const changed = withField(form, path, value >= delta ? value - delta : value + delta);
        const { violations } = checkCHasil(changed);
        expect(violations.some((v) => v.fields.includes(path))).toBe(true);
      }),
      { seed: 20241127, numRuns: 500 },
    );
  });
});
